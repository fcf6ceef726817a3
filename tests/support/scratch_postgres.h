// A PostgreSQL schema of its own for one test, on the server scripts/with-postgres runs
// (PAIKE_TEST_POSTGRES*): paike's tables land in it through the URL's search_path, and it is
// dropped at the end. Without that server the test FAILS, saying how to run it: a test that
// skips silently would pass without having run.
#pragma once

#include <unistd.h>
#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

#include "support/test_database.h"

namespace paike::test {

inline std::string postgres_env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    FAIL(name << " is not set: these tests need a PostgreSQL server; run them as "
                 "scripts/with-postgres ctest --test-dir build -L postgresql");
  }
  return value;
}

class ScratchSchema {
 public:
  // `owner`: the role that owns the schema (paike_app for the tests that log in over TCP).
  explicit ScratchSchema(const std::string& owner = "paike") : superuser_url_(postgres_env("PAIKE_TEST_POSTGRES")) {
    static std::atomic<int> counter{0};
    name_ = "scratch_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    exec("CREATE SCHEMA " + name_ + " AUTHORIZATION " + owner);
  }
  ~ScratchSchema() {
    try {
      exec("DROP SCHEMA IF EXISTS " + name_ + " CASCADE");
    } catch (...) {
      // The server goes away with scripts/with-postgres anyway.
    }
  }
  ScratchSchema(const ScratchSchema&) = delete;
  ScratchSchema& operator=(const ScratchSchema&) = delete;

  const std::string& name() const { return name_; }
  // The superuser over the unix socket, in this schema.
  std::string url() const { return in_schema(superuser_url_); }
  // paike_app over TCP with `password` (password authentication), in this schema.
  std::string tcp_url(const std::string& password) const {
    std::string url = postgres_env("PAIKE_TEST_POSTGRES_TCP");
    const std::string user = "paike_app@";
    const size_t at = url.find(user);
    REQUIRE(at != std::string::npos);
    url.replace(at, user.size(), "paike_app:" + password + "@");
    return in_schema(url);
  }

  // Runs SQL as the superuser with this schema first on the search_path; throws on failure.
  void exec(const std::string& sql) const {
    exec_on_test_server("SET client_min_messages = warning; SET search_path = " + name_ + "; " + sql);
  }

 private:
  std::string in_schema(const std::string& url) const { return with_search_path(url, name_); }

  std::string superuser_url_;
  std::string name_;
};

}  // namespace paike::test
