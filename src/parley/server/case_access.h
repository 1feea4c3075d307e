// Who may read a case: people who work cases (admins, leads, agents; analysts see aggregates only), and
// only cases of functions they may see. Shared by the case and case-feedback routes.
#pragma once

#include <optional>

#include "parley/engage/case_queries.h"
#include "parley/server/api_context.h"

namespace parley::server {

// Answers 403 unless the principal works cases.
bool may_read_cases(const auth::Principal& p, httplib::Response& res);

// The case of the path's {id} (req.matches[1]) with its thread and history, or a 404 (sent) when it does not
// exist or the caller may not see its function: the two are indistinguishable on purpose.
std::optional<engage::CaseDetail> visible_case(sqlite::Connection& db, const auth::Principal& who,
                                               const httplib::Request& req, httplib::Response& res);

}  // namespace parley::server
