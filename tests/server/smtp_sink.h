// The real SMTP server of the mail tests (tests/server/smtp_sink.py, Debian's
// python3-aiosmtpd) run as a child process on a loopback port.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "server/server_harness.h"

namespace soundoff::test {

// tests/server/smtp_sink.py on a loopback port: every message it receives as parsed JSON.
class SmtpSink {
 public:
  SmtpSink() {
    pid_ = fork();
    if (pid_ == 0) {
      const std::string script = std::string(SOUNDOFF_FIXTURES_DIR) + "/../server/smtp_sink.py";
      execl("/usr/bin/python3", "python3", script.c_str(), dir_.path().c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int i = 0; i < 200 && !std::filesystem::exists(dir_.file("port")); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::ifstream(dir_.file("port")) >> port_;
  }
  ~SmtpSink() {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  int port() const { return port_; }
  // Waits (at most 15 s) for `count` messages and returns them all.
  std::vector<nlohmann::json> messages(std::size_t count) const {
    std::vector<nlohmann::json> out;
    for (int i = 0; i < 300; ++i) {
      out.clear();
      for (std::size_t n = 0; std::filesystem::exists(dir_.file(std::to_string(n) + ".json")); ++n)
        out.push_back(nlohmann::json::parse(std::ifstream(dir_.file(std::to_string(n) + ".json"))));
      if (out.size() >= count) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return out;
  }

 private:
  TempDir dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace soundoff::test
