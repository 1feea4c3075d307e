#include "parley/server/case_access.h"

#include <cstdlib>

namespace parley::server {

bool may_read_cases(const auth::Principal& p, httplib::Response& res) {
  return require_role(p, {Role::admin, Role::lead, Role::agent}, res);
}

std::optional<engage::CaseDetail> visible_case(sqlite::Connection& db, const auth::Principal& who,
                                               const httplib::Request& req, httplib::Response& res) {
  auto d = engage::CaseQueries(db).detail(std::atoll(req.matches[1].str().c_str()));
  if (!d || !who.sees_function(d->c.function)) {
    send_error(res, 404, "no_case", "no case " + req.matches[1].str() + " that you may see");
    return std::nullopt;
  }
  return std::move(*d);
}

}  // namespace parley::server
