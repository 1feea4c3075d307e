// The HTTP API end to end: the real server on a free loopback port, a fresh database, a real config file,
// real users and tokens, driven by a real HTTP client (cpp-httplib's).
#include <httplib.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "../test_util.h"
#include "parley/auth/user_store.h"
#include "parley/server/http_server.h"

namespace parley::server {
namespace {

using nlohmann::json;
using parley::testing::TempDir;

// Every calendar is 24x7 so that nothing depends on the hour the test runs at.
constexpr const char* kConfig = R"toml(
[organisation]
name = "Test Org"

[[products]]
name = "Fiber"

[[functions]]
id = "care"
[[functions]]
id = "hr"

[[teams]]
id = "care"
function = "care"
[[teams]]
id = "people"
function = "hr"

[[employees]]
handle = "ana"
role = "agent"
teams = ["care"]
skills = { billing = 4 }
languages = ["en"]
capacity = 5

[[employees]]
handle = "lee"
role = "lead"
teams = ["care"]
skills = { billing = 2 }
languages = ["en"]
capacity = 5

[[employees]]
handle = "hana"
role = "lead"
teams = ["people"]
skills = { hr-policy = 5 }
languages = ["en"]

[[sla_policies]]
name = "standard"
first_response = "1h"
next_response = "2h"
resolution = "1d"

[routing]
default_sla = "standard"

[[rules]]
name = "internal to HR"
when = { audience = "internal" }
team = "people"

[[rules]]
name = "complaints and questions"
when = { intent = ["complaint", "question"] }
team = "care"

[[rules]]
name = "praise"
when = { intent = ["praise"] }
team = "care"
priority = "low"
)toml";

class Api : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {}

  void SetUp() override { start({}); }
  void TearDown() override { stop(); }

  void start(ServeOptions extra) {
    {
      std::ofstream(dir.file("org.toml")) << kConfig;
    }
    auto users = auth::UserStore::open(dir.file("p.db"));
    ASSERT_TRUE(users) << users.message();
    if (!seeded) {
      ASSERT_TRUE((*users)->add_user("admin", Role::admin, "secret-admin", {}));
      ASSERT_TRUE((*users)->add_user("ana", Role::agent, "", {}));
      ASSERT_TRUE((*users)->add_user("hana", Role::lead, "", {}));
      ASSERT_TRUE((*users)->add_user("nia", Role::analyst, "", {}));
      admin = *(*users)->create_token("admin", "test");
      ana = *(*users)->create_token("ana", "test");
      hana = *(*users)->create_token("hana", "test");
      analyst = *(*users)->create_token("nia", "test");
      seeded = true;
    }
    users->reset();
    ServeOptions o = extra;
    o.db = dir.file("p.db");
    o.config = dir.file("org.toml");
    o.port = 0;
    if (o.rate_per_s == ServeOptions{}.rate_per_s) o.rate_per_s = 0;
    auto s = HttpServer::create(o, clock);
    ASSERT_TRUE(s) << s.message();
    server = std::move(*s);
    ASSERT_TRUE(server->bind());
    thread = std::thread([this] { server->run(); });
    client = std::make_unique<httplib::Client>("127.0.0.1", server->port());
    client->set_read_timeout(10);
  }
  void stop() {
    if (server) server->stop();
    if (thread.joinable()) thread.join();
    server.reset();
  }

  httplib::Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

  json get(const std::string& path, const std::string& token, int expect = 200) {
    auto r = client->Get(path, bearer(token));
    EXPECT_TRUE(r) << path;
    if (!r) return {};
    EXPECT_EQ(r->status, expect) << path << " -> " << r->body;
    return json::parse(r->body, nullptr, false);
  }
  json post(const std::string& path, const std::string& token, const json& body, int expect = 200) {
    auto r = client->Post(path, bearer(token), body.dump(), "application/json");
    EXPECT_TRUE(r) << path;
    if (!r) return {};
    EXPECT_EQ(r->status, expect) << path << " -> " << r->body;
    return json::parse(r->body, nullptr, false);
  }
  static json post_of(const std::string& id, const std::string& text, const std::string& handle = "cust",
                      const std::string& reply_to = "", const std::string& audience = "public") {
    json p = {{"source", "x"},
              {"id", id},
              {"author", {{"handle", handle}}},
              {"text", text},
              {"created_at", "2026-11-01T10:00:00Z"},
              {"audience", audience}};
    if (!reply_to.empty()) p["reply_to"] = reply_to;
    return p;
  }

  TempDir dir;
  SystemClock clock;
  std::unique_ptr<HttpServer> server;
  std::thread thread;
  std::unique_ptr<httplib::Client> client;
  bool seeded = false;
  std::string admin, ana, hana, analyst;
};

TEST_F(Api, OpenApiDocumentDescribesExactlyTheRoutes) {
  std::ifstream in(std::string(PARLEY_SOURCE_DIR) + "/docs/openapi.json");
  json spec = json::parse(in, nullptr, false);
  ASSERT_FALSE(spec.is_discarded()) << "docs/openapi.json must be valid JSON";
  EXPECT_EQ(spec["openapi"].get<std::string>().substr(0, 2), "3.");
  std::set<std::string> documented, served(server->routes().begin(), server->routes().end());
  for (auto& [path, methods] : spec["paths"].items())
    for (auto& [method, op] : methods.items()) {
      std::string m = method;
      for (auto& ch : m) ch = static_cast<char>(std::toupper(ch));
      documented.insert(m + " " + path);
      EXPECT_TRUE(op.contains("responses")) << m << " " << path;
    }
  EXPECT_EQ(documented, served);
  // And the server hands out the same document.
  auto r = client->Get("/api/v1/openapi.json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(json::parse(r->body)["paths"].size(), spec["paths"].size());
}

TEST_F(Api, ErrorsAreJsonWithACodeAndAMessage) {
  auto r = client->Get("/api/v1/cases");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  auto j = json::parse(r->body);
  EXPECT_EQ(j["error"]["code"], "unauthenticated");
  EXPECT_FALSE(j["error"]["message"].get<std::string>().empty());
  j = get("/api/v1/cases", "pk_notarealtokenatallnotarealtokenatallnotre", 401);
  EXPECT_EQ(j["error"]["code"], "bad_token");
  j = get("/api/v1/nothing-here", admin, 404);
  EXPECT_EQ(j["error"]["code"], "not_found");
  j = get("/api/v1/cases?status=sleeping", admin, 400);
  EXPECT_EQ(j["error"]["code"], "bad_status");
  auto bad = client->Post("/api/v1/cases/1/actions", bearer(admin), "{not json", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(json::parse(bad->body)["error"]["code"], "bad_json");
}

TEST_F(Api, WebhookIsIdempotentOpensCasesAndReportsBadRecordsByLine) {
  auto j = post("/api/v1/posts", admin, post_of("1", "My bill is wrong, I was charged twice!"));
  ASSERT_EQ(j["accepted"], 1);
  auto case_id = j["posts"][0]["case_id"];
  ASSERT_TRUE(case_id.is_number()) << j.dump();
  std::int64_t post_id = j["posts"][0]["id"];
  // The same delivery again: same post, same case, nothing new.
  j = post("/api/v1/posts", admin, post_of("1", "My bill is wrong, I was charged twice!"));
  EXPECT_EQ(j["posts"][0]["id"], post_id);
  EXPECT_EQ(j["posts"][0]["case_id"], case_id);
  EXPECT_EQ(get("/api/v1/cases", admin)["total"], 1);

  // A batch with one broken record: the others go in, the broken one is named by its line.
  json batch = {{"posts", {post_of("2", "Where is my refund?", "c2"), {{"source", "x"}}, post_of("3", "Why is my app crashing?", "c3")}}};
  j = post("/api/v1/posts", admin, batch);
  EXPECT_EQ(j["accepted"], 2);
  ASSERT_EQ(j["rejected"].size(), 1u);
  EXPECT_EQ(j["rejected"][0]["line"], 2);

  j = post("/api/v1/posts", admin, json::object({{"posts", json::array({json::object({{"x", 1}})})}}), 422);
  EXPECT_EQ(j["error"]["code"], "no_valid_posts");
  // Analysts may not post.
  post("/api/v1/posts", analyst, post_of("4", "hi"), 403);
}

TEST_F(Api, RequestSizeIsLimited) {
  stop();
  ServeOptions o;
  o.max_body_bytes = 4096;
  start(o);
  std::string big(8192, 'a');
  auto r = client->Post("/api/v1/posts", bearer(admin), post_of("9", big).dump(), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
}

TEST_F(Api, RateLimitAnswers429WithRetryAfter) {
  stop();
  ServeOptions o;
  o.rate_per_s = 1;
  o.burst = 3;
  start(o);
  int refused = 0;
  std::string retry;
  for (int i = 0; i < 6; ++i) {
    auto r = client->Get("/api/v1/health", bearer(admin));
    ASSERT_TRUE(r);
    if (r->status == 429) {
      ++refused;
      retry = r->get_header_value("Retry-After");
      EXPECT_EQ(json::parse(r->body)["error"]["code"], "rate_limited");
    }
  }
  EXPECT_GE(refused, 2);
  EXPECT_FALSE(retry.empty());
}

TEST_F(Api, CaseLifecycleThroughActionsMovesTheMetrics) {
  auto j = post("/api/v1/posts", admin, post_of("1", "My bill is wrong, I was charged twice!"));
  std::int64_t id = j["posts"][0]["case_id"];
  auto c = get("/api/v1/cases/" + std::to_string(id), ana);
  EXPECT_EQ(c["case"]["team"], "care");
  EXPECT_EQ(c["case"]["assignee"], "ana");  // billing 4 beats billing 2
  EXPECT_FALSE(c["case"]["assign_reason"].get<std::string>().empty());
  ASSERT_GE(c["posts"].size(), 1u);
  EXPECT_TRUE(c["posts"][0].contains("analysis"));
  // A running clock not yet warned says when it will warn, before it is due (the inbox turns amber then).
  const auto& fr = c["case"]["sla"]["first_response"];
  ASSERT_TRUE(fr["due"].is_number()) << fr.dump();
  ASSERT_TRUE(fr["warn_at"].is_number()) << fr.dump();
  EXPECT_LT(fr["warn_at"].get<std::int64_t>(), fr["due"].get<std::int64_t>());

  auto before = get("/api/v1/metrics", admin);
  j = post("/api/v1/cases/" + std::to_string(id) + "/actions", ana, {{"type", "reply"}, {"text", "So sorry - refunding now."}});
  bool first = false;
  for (auto& e : j["events"]) first = first || e["type"] == "first_response";
  EXPECT_TRUE(first) << j.dump();
  post("/api/v1/cases/" + std::to_string(id) + "/actions", ana, {{"type", "note"}, {"text", "refund ticket 42"}});
  post("/api/v1/cases/" + std::to_string(id) + "/actions", ana, {{"type", "resolve"}});
  post("/api/v1/cases/" + std::to_string(id) + "/actions", ana, {{"type", "resolve"}}, 409);
  post("/api/v1/cases/" + std::to_string(id) + "/actions", ana, {{"type", "fly"}}, 400);
  post("/api/v1/cases/" + std::to_string(id) + "/actions", ana, {{"type", "csat"}, {"score", 5}});
  auto after = get("/api/v1/metrics", admin);
  EXPECT_EQ(before["resolved"], 0);
  EXPECT_EQ(after["resolved"], 1);
  EXPECT_EQ(after["csat"]["count"], 1);
  EXPECT_EQ(after["first_response"]["calendar"]["count"], 1);

  c = get("/api/v1/cases/" + std::to_string(id), ana);
  std::vector<std::string> types;
  for (auto& e : c["events"]) types.push_back(e["type"]);
  for (const char* t : {"opened", "assigned", "first_response", "reply", "note", "resolved", "csat"})
    EXPECT_NE(std::find(types.begin(), types.end(), t), types.end()) << t;
  // Agents cannot reassign to someone else; leads can.
  post("/api/v1/cases/" + std::to_string(id) + "/actions", ana, {{"type", "assign"}, {"to", "lee"}}, 403);

  // Save the reply as knowledge, see it suggested for a similar case, record a use.
  std::int64_t reply_post = 0;
  for (auto& p : c["posts"])
    if (p["response"].is_object() && p["response"]["by_staff"] == true) reply_post = p["id"];
  ASSERT_GT(reply_post, 0);
  auto article = post("/api/v1/knowledge", ana, {{"post_id", reply_post}, {"title", "Double charge refund"}}, 201);
  EXPECT_EQ(article["author"], "ana");
  j = post("/api/v1/posts", admin, post_of("2", "I was charged twice for my bill, refund please", "c2"));
  std::int64_t second = j["posts"][0]["case_id"];
  auto s = get("/api/v1/cases/" + std::to_string(second) + "/suggestions", ana);
  ASSERT_GE(s["suggestions"].size(), 1u) << s.dump();
  post("/api/v1/knowledge/" + std::to_string(article["id"].get<std::int64_t>()) + "/uses", ana, {{"case_id", second}});
  auto credits = get("/api/v1/knowledge/credits", admin);
  ASSERT_EQ(credits["credits"].size(), 1u);
  EXPECT_EQ(credits["credits"][0]["uses"], 1);
}

TEST_F(Api, ToneCheckFlagsACannedReplyTheTeamKeepsSending) {
  const std::string canned = "We are aware of an issue affecting some customers and our engineers are working on it";
  std::vector<std::int64_t> cases;
  for (int i = 1; i <= 4; ++i) {
    auto j = post("/api/v1/posts", admin,
                  post_of(std::to_string(i), "My bill is wrong, I was charged twice!", "cust" + std::to_string(i)));
    cases.push_back(j["posts"][0]["case_id"]);
  }
  for (int i = 0; i < 3; ++i)
    post("/api/v1/cases/" + std::to_string(cases[i]) + "/actions", ana, {{"type", "reply"}, {"text", canned}});
  const std::string tone = "/api/v1/cases/" + std::to_string(cases[3]) + "/tone";
  auto r = post(tone, ana, {{"text", canned}});
  EXPECT_FALSE(r["ok"].get<bool>()) << r.dump();
  EXPECT_GE(r["near_copies"].get<int>(), 3) << r.dump();
  std::vector<std::string> codes;
  for (auto& f : r["flags"]) codes.push_back(f["code"]);
  EXPECT_NE(std::find(codes.begin(), codes.end(), "canned"), codes.end()) << r.dump();
  EXPECT_NE(std::find(codes.begin(), codes.end(), "not_addressed"), codes.end()) << r.dump();
  r = post(tone, ana, {{"text", "@cust4 sorry about the double charge, I've refunded the second payment today"}});
  EXPECT_TRUE(r["ok"].get<bool>()) << r.dump();
  post(tone, ana, {{"draft", "x"}}, 400);
  post(tone, analyst, {{"text", "x"}}, 403);
  post("/api/v1/cases/999999/tone", ana, {{"text", "x"}}, 404);
}

TEST_F(Api, FunctionScopingHidesHrCasesFromCareByApiAndSearch) {
  auto j = post("/api/v1/posts", admin, post_of("1", "How much parental leave do I get? asking for zebrafinch", "bo", "", "internal"));
  auto hr_case = j["posts"][0]["case_id"];
  ASSERT_TRUE(hr_case.is_number()) << j.dump();
  post("/api/v1/posts", admin, post_of("2", "My zebrafinch bill is wrong", "cust"));
  std::string hr = std::to_string(hr_case.get<std::int64_t>());

  // Care agent: sees the care case only; the HR case is "not found"; search hides its post.
  auto list = get("/api/v1/cases", ana);
  EXPECT_EQ(list["total"], 1);
  for (auto& item : list["items"]) EXPECT_EQ(item["case"]["function"], "care");
  get("/api/v1/cases/" + hr, ana, 404);
  post("/api/v1/cases/" + hr + "/actions", ana, {{"type", "note"}, {"text", "peek"}}, 404);
  auto found = get("/api/v1/search?q=zebrafinch", ana);
  ASSERT_EQ(found["hits"].size(), 1u) << found.dump();
  EXPECT_EQ(found["hits"][0]["author"], "cust");

  // HR lead sees the HR case and its post.
  get("/api/v1/cases/" + hr, hana);
  found = get("/api/v1/search?q=zebrafinch", hana);
  ASSERT_EQ(found["hits"].size(), 1u);
  EXPECT_EQ(found["hits"][0]["author"], "bo");
  // Admin sees both.
  EXPECT_EQ(get("/api/v1/search?q=zebrafinch", admin)["hits"].size(), 2u);

  // Analyst: aggregates only.
  get("/api/v1/cases", analyst, 403);
  get("/api/v1/search?q=zebrafinch", analyst, 403);
  auto m = get("/api/v1/metrics", analyst);
  EXPECT_EQ(m["opened"], 2);
}

TEST_F(Api, SignInWithPasswordGivesASession) {
  auto r = client->Post("/api/v1/auth/login", json{{"user", "admin"}, {"password", "wrong"}}.dump(), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  r = client->Post("/api/v1/auth/login", json{{"user", "admin"}, {"password", "secret-admin"}}.dump(), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_NE(r->get_header_value("Set-Cookie").find("parley_session="), std::string::npos);
  std::string session = json::parse(r->body)["session"];
  auto me = get("/api/v1/me", session);
  EXPECT_EQ(me["user"], "admin");
  EXPECT_EQ(me["role"], "admin");
  auto out = client->Post("/api/v1/auth/logout", bearer(session), "", "application/json");
  ASSERT_TRUE(out);
  get("/api/v1/me", session, 401);
}

TEST_F(Api, EventStreamDeliversNewCasesLive) {
  std::atomic<bool> seen{false};
  std::string received;
  std::mutex mu;
  httplib::Client sse("127.0.0.1", server->port());
  sse.set_read_timeout(20);
  std::thread reader([&] {
    sse.Get("/api/v1/events", bearer(admin), [&](const char* data, std::size_t n) {
      std::lock_guard lock(mu);
      received.append(data, n);
      if (received.find("event: case.opened") != std::string::npos) {
        seen = true;
        return false;  // stop reading
      }
      return true;
    });
  });
  // Give the stream a moment to subscribe, then post until the event shows (bounded).
  for (int i = 0; i < 100 && !seen; ++i) {
    if (i == 5) post("/api/v1/posts", admin, post_of("live-1", "The app keeps crashing, why?", "c9"));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(seen.load()) << received;
  sse.stop();
  reader.join();
  std::lock_guard lock(mu);
  EXPECT_NE(received.find("\"type\":\"opened\""), std::string::npos) << received;
}

TEST_F(Api, OrgAndQueuesDescribeTeamsAndLoad) {
  post("/api/v1/posts", admin, post_of("1", "My bill is wrong!"));
  auto org = get("/api/v1/org", admin);
  EXPECT_EQ(org["name"], "Test Org");
  EXPECT_EQ(org["teams"].size(), 2u);
  bool ana_loaded = false;
  for (auto& e : org["employees"]) ana_loaded = ana_loaded || (e["handle"] == "ana" && e["open_cases"] == 1);
  EXPECT_TRUE(ana_loaded) << org.dump();
  auto q = get("/api/v1/queues", ana);
  ASSERT_GE(q["queues"].size(), 1u);
  auto qa = get("/api/v1/queues", analyst);
  for (auto& t : qa["queues"]) EXPECT_FALSE(t.contains("assignees"));
}

TEST_F(Api, RestartKeepsCasesAndRoutesWhatWasStoredMeanwhile) {
  post("/api/v1/posts", admin, post_of("1", "My bill is wrong!"));
  stop();
  start({});
  EXPECT_EQ(get("/api/v1/cases", admin)["total"], 1);
}

}  // namespace
}  // namespace parley::server
