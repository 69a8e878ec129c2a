// Every plugin-host error of issue 2, through the real `cnnlab plugins`, as a user meets it:
// one line on stderr, exit code 2, naming the file (and versions or type) at fault.
#include <elf.h>
#include <link.h>

#include <catch2/catch.hpp>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>

#include "cnnlab/version.hpp"
#include "test_plugins.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace cnnlab::test;

namespace {

ProcessResult list_plugins(const std::vector<std::string>& plugin_args,
                           const std::vector<std::string>& env = kNoPluginPath) {
  std::vector<std::string> args{"plugins"};
  for (const auto& dir : plugin_args) {
    args.push_back("--plugins");
    args.push_back(dir);
  }
  return run_cnnlab(args, env);
}

// The contract for every error: exit code 2 and exactly one `cnnlab: error:` line.
void require_one_line_error(const ProcessResult& r) {
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 2);
  REQUIRE(r.err.rfind("cnnlab: error: ", 0) == 0);
  REQUIRE(r.err.find('\n') == r.err.size() - 1);
}

std::string canon(const std::string& path) { return fs::canonical(path).string(); }

std::string copy_into(const std::string& file, const std::string& dir, const std::string& name) {
  fs::create_directories(dir);
  const std::string target = dir + "/" + name;
  fs::copy_file(file, target);
  return target;
}

}  // namespace

TEST_CASE("plugins lists a plugin's file, name, version and types") {
  const auto r = list_plugins({kGoodDir});
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("channel_scale 1.0.0") != std::string::npos);
  CHECK(r.out.find(canon(kGoodFile)) != std::string::npos);
  CHECK(r.out.find("layers: channel_scale") != std::string::npos);
  CHECK(r.err.empty());
}

TEST_CASE("plugins are found through CNNLAB_PLUGIN_PATH") {
  TempDir empty;
  const auto r = list_plugins({}, {"CNNLAB_PLUGIN_PATH=" + empty.path() + ":" + kGoodDir});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("layers: channel_scale") != std::string::npos);
}

TEST_CASE("a plugin directory that does not exist is an error") {
  TempDir tmp;
  const std::string missing = tmp.file("no-such-dir");
  const auto r = list_plugins({missing});
  require_one_line_error(r);
  CHECK(r.err.find("plugin directory " + missing + " does not exist") != std::string::npos);

  const auto from_env = list_plugins({}, {"CNNLAB_PLUGIN_PATH=" + missing});
  require_one_line_error(from_env);
  CHECK(from_env.err.find("CNNLAB_PLUGIN_PATH") != std::string::npos);
  CHECK(from_env.err.find(missing) != std::string::npos);
}

TEST_CASE("a file that is not a library is skipped when scanning, an error when named") {
  TempDir dir;
  write_file(dir.file("libfake.so"), "this is text, not a shared library\n");
  copy_into(kGoodFile, dir.path(), "libchannel_scale.so");
  const std::string fake = canon(dir.file("libfake.so"));

  const auto scanned = list_plugins({dir.path()});
  INFO("stderr: " << scanned.err);
  REQUIRE(scanned.exit_code == 0);
  CHECK(scanned.err.find("cnnlab: warning: skipping " + fake + ": not a cnnlab plugin") !=
        std::string::npos);
  CHECK(scanned.out.find("layers: channel_scale") != std::string::npos);

  const auto named = list_plugins({dir.file("libfake.so")});
  require_one_line_error(named);
  CHECK(named.err.find(fake + " is not a cnnlab plugin") != std::string::npos);
}

TEST_CASE("a library without the entry point is skipped when scanning, an error when named") {
  const auto scanned = list_plugins({kNoEntryDir});
  INFO("stderr: " << scanned.err);
  REQUIRE(scanned.exit_code == 0);
  CHECK(scanned.err.find("skipping " + canon(kNoEntryFile) +
                         ": not a cnnlab plugin (no entry point "
                         "cnnlab_plugin_api_version") != std::string::npos);

  const auto named = list_plugins({kNoEntryFile});
  require_one_line_error(named);
  CHECK(named.err.find(canon(kNoEntryFile) + " is not a cnnlab plugin (no entry point "
                                             "cnnlab_plugin_api_version") != std::string::npos);
}

namespace {

// A damaged copy of a real plugin, `edit`ed in memory, next to the good plugin: the scan names
// it in one warning with `reason` and lists the good one. Handed to dlopen, a truncated copy
// kills the process with SIGBUS.
void require_skipped_with_reason(const std::function<void(std::string&)>& edit,
                                 const std::string& reason) {
  TempDir dir;
  copy_into(kGoodFile, dir.path(), "libchannel_scale.so");
  std::string bytes = read_file(kGoodFile);
  edit(bytes);
  write_file(dir.file("libdamaged.so"), bytes);
  const std::string damaged = canon(dir.file("libdamaged.so"));

  const auto scanned = list_plugins({dir.path()});
  INFO("stderr: " << scanned.err);
  REQUIRE(scanned.exit_code == 0);
  CHECK(scanned.err.rfind(
            "cnnlab: warning: skipping " + damaged + ": not a cnnlab plugin (" + reason, 0) == 0);
  CHECK(scanned.err.find('\n') == scanned.err.size() - 1);
  CHECK(scanned.out.find("layers: channel_scale") != std::string::npos);

  const auto named = list_plugins({damaged});
  require_one_line_error(named);
  CHECK(named.err.find(damaged + " is not a cnnlab plugin (" + reason) != std::string::npos);
}

template <typename T>
void poke(std::string& bytes, size_t offset, T value) {
  REQUIRE(offset + sizeof value <= bytes.size());
  std::memcpy(&bytes[offset], &value, sizeof value);
}

template <typename T>
T peek(const std::string& bytes, size_t offset) {
  T value{};
  REQUIRE(offset + sizeof value <= bytes.size());
  std::memcpy(&value, &bytes[offset], sizeof value);
  return value;
}

}  // namespace

TEST_CASE("a truncated or damaged plugin library is skipped, never loaded") {
  SECTION("cut to half its size") {
    require_skipped_with_reason([](std::string& b) { b.resize(b.size() / 2); },
                                "truncated or damaged: ");
  }
  SECTION("cut inside the ELF header") {
    require_skipped_with_reason([](std::string& b) { b.resize(40); },
                                "truncated or damaged: the ELF header");
  }
  SECTION("only the section headers at the end cut off") {
    require_skipped_with_reason([](std::string& b) { b.resize(b.size() - 16); },
                                "truncated or damaged: the section headers");
  }
  SECTION("a segment that claims bytes beyond the end") {
    require_skipped_with_reason(
        [](std::string& b) {
          const auto phoff = peek<ElfW(Off)>(b, offsetof(ElfW(Ehdr), e_phoff));
          poke<ElfW(Xword)>(b, phoff + offsetof(ElfW(Phdr), p_filesz), ElfW(Xword){1} << 40);
        },
        "truncated or damaged: segment 0");
  }
  SECTION("built for another machine") {
    require_skipped_with_reason(
        [](std::string& b) {
          poke<ElfW(Half)>(b, offsetof(ElfW(Ehdr), e_machine),
                           peek<ElfW(Half)>(b, offsetof(ElfW(Ehdr), e_machine)) == EM_AARCH64
                               ? EM_X86_64
                               : EM_AARCH64);
        },
        "a shared library for another machine");
  }
  SECTION("an executable, not a shared library") {
    require_skipped_with_reason(
        [](std::string& b) { poke<ElfW(Half)>(b, offsetof(ElfW(Ehdr), e_type), ET_EXEC); },
        "an ELF file but not a shared library");
  }
}

TEST_CASE("a plugin built for another API version is refused, naming file and both versions") {
  const auto r = list_plugins({kWrongApiDir});
  require_one_line_error(r);
  const std::string theirs = std::to_string(cnnlab::kPluginApiVersion + 1);
  const std::string ours = std::to_string(cnnlab::kPluginApiVersion);
  CHECK(r.err.find(canon(kWrongApiFile) + " was built for plugin API version " + theirs +
                   ", this cnnlab provides version " + ours) != std::string::npos);
  // Refused on its version alone: its descriptor would have thrown.
  CHECK(r.err.find("descriptor") == std::string::npos);
}

TEST_CASE("two plugins providing the same type are refused, naming both files") {
  TempDir dir;
  const std::string first = copy_into(kGoodFile, dir.file("a"), "libscale_one.so");
  const std::string second = copy_into(kGoodFile, dir.file("b"), "libscale_two.so");
  const auto r = list_plugins({dir.file("a"), dir.file("b")});
  require_one_line_error(r);
  CHECK(r.err.find("layer type 'channel_scale' is provided by both " + canon(first) + " and " +
                   canon(second)) != std::string::npos);
}

TEST_CASE("the same plugin reached twice is loaded once") {
  TempDir dir;
  fs::create_directory_symlink(kGoodDir, dir.file("link"));
  const auto r = list_plugins({kGoodDir, dir.file("link"), kGoodFile});
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  const auto first = r.out.find("layers: channel_scale");
  REQUIRE(first != std::string::npos);
  CHECK(r.out.find("layers: channel_scale", first + 1) == std::string::npos);
}

TEST_CASE("a cnnlab plugin that cannot be loaded is an error even when scanning") {
  const auto r = list_plugins({kUnloadableDir});
  require_one_line_error(r);
  CHECK(r.err.find(canon(kUnloadableFile) + " is a cnnlab plugin but cannot be loaded") !=
        std::string::npos);
  CHECK(r.err.find("cnnlab_test_symbol_defined_nowhere") != std::string::npos);
}

TEST_CASE("a factory that throws names the plugin's message, the layer's line and the file") {
  TempDir dir;
  write_file(dir.file("exp.yaml"),
             "name: exploding\n"
             "dataset: {type: idx, path: data}\n"
             "model:\n"
             "  input_shape: [4, 4, 1]\n"
             "  layers:\n"
             "    - {type: flatten}\n"
             "    - {type: exploding}\n");
  const auto r =
      run_cnnlab({"summary", "--plugins", kThrowingDir, dir.file("exp.yaml")}, kNoPluginPath);
  require_one_line_error(r);
  CHECK(r.err == "cnnlab: error: " + dir.file("exp.yaml") + ":7:14: layer 'exploding' (plugin " +
                     canon(kThrowingFile) + ") failed: the exploding layer always fails\n");
}
