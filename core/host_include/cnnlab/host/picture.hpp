#pragma once
// Pictures of a model's insides (`cnnlab show`): what they hold and where their grids lie, so
// callers and tests can check the layout without decoding pixels.
#include <cstdint>
#include <string>
#include <vector>

#include "cnnlab/export.hpp"

namespace cnnlab {

// One titled grid of equally sized tiles inside a picture, in pixels from the top left.
struct PictureGrid {
  std::string title;
  int64_t tiles = 0;
  int64_t cols = 0, rows = 0;
  int x = 0, y = 0;  // top left of the first tile
  int tile_width = 0, tile_height = 0;
  int pitch_x = 0, pitch_y = 0;  // from one tile's corner to the next one's
};

struct Picture {
  int width = 0, height = 0;
  std::vector<uint8_t> png;  // the encoded picture
  std::vector<PictureGrid> grids;
};

// Writes the PNG atomically (the old file or the new one, never half of it). Error naming the
// path when it cannot be written.
CNNLAB_API void write_picture(const Picture& picture, const std::string& path);

// Any file cnnlab writes for the user (a CSV, a report), atomically like write_picture.
// `what` names it in the error: "cannot write the CSV out.csv: ...".
CNNLAB_API void write_output_file(const std::string& path, const std::string& data,
                                  const std::string& what);

// Fails fast, before minutes of work, when `path` cannot be created: its folder is missing or
// not writable, or the path is a folder. ConfigError naming the option and the path.
CNNLAB_API void check_output_path(const std::string& path, const std::string& option);

// Fails, before anything is read or written, when `output` is the same file as one of the
// command's inputs (`export m.cnnlab -o m.cnnlab`, `runs plot --db h.png -o h.png`): the
// output would replace the input it was made from. ConfigError naming the option and both.
CNNLAB_API void check_not_an_input(const std::string& output, const std::string& option,
                                   const std::vector<std::string>& inputs);

}  // namespace cnnlab
