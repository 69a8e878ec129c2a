#pragma once
// Where the plugins built for these tests are (tests/plugin_host/CMakeLists.txt), and an
// environment that keeps the user's CNNLAB_PLUGIN_PATH out of them.
#include <string>
#include <vector>

namespace cnnlab::test {

inline std::string test_plugin_dir(const std::string& name) {
  return std::string(TEST_PLUGINS_DIR) + "/" + name;
}

// The folder and file of each test plugin.
inline const std::string kGoodDir = test_plugin_dir("good");
inline const std::string kGoodFile = kGoodDir + "/libplugin_host_channel_scale.so";
inline const std::string kWrongApiDir = test_plugin_dir("wrong_api_version");
inline const std::string kWrongApiFile = kWrongApiDir + "/libplugin_host_wrong_api_version.so";
inline const std::string kThrowingDir = test_plugin_dir("throwing_factory");
inline const std::string kThrowingFile = kThrowingDir + "/libplugin_host_throwing_factory.so";
inline const std::string kUnloadableDir = test_plugin_dir("unloadable");
inline const std::string kUnloadableFile = kUnloadableDir + "/libplugin_host_unloadable.so";
inline const std::string kNoEntryDir = test_plugin_dir("no_entry_point");
inline const std::string kNoEntryFile = kNoEntryDir + "/libplugin_host_no_entry_point.so";

inline const std::vector<std::string> kNoPluginPath{"CNNLAB_PLUGIN_PATH="};

}  // namespace cnnlab::test
