# Helpers for the cases of the bad-input catalogue (sourced by run_case.sh).

# The binaries, each run with a time limit: a hang fails the case with exit code 124.
cnnlab() { timeout 60 "$CNNLAB" "$@"; }
cnnlab_label() { timeout 60 "$CNNLAB_LABEL" "$@"; }

# Raw little- and big-endian integers on stdout.
le32() { printf "$(printf '\\x%02x' $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)))"; }
le64() { le32 $(($1 & 0xffffffff)); le32 $(($1 >> 32)); }
be32() { printf "$(printf '\\x%02x' $(($1 >> 24 & 255)) $(($1 >> 16 & 255)) $(($1 >> 8 & 255)) $(($1 & 255)))"; }

# The CRC-32 (zlib's) of stdin as 4 little-endian bytes: gzip's trailer holds exactly that.
crc32_le() { gzip -c | tail -c 8 | head -c 4; }

# An IDX dataset in DIR: COUNT train and COUNT test images of 4x4 pixels, labels alternating
# between 0 and 1.
idx_dataset() {
  local dir="$1" count="${2:-8}" part
  mkdir -p "$dir"
  for part in train t10k; do
    { be32 0x803; be32 "$count"; be32 4; be32 4; head -c $((count * 16)) /dev/urandom; } \
      >"$dir/$part-images-idx3-ubyte"
    { be32 0x801; be32 "$count"; for ((i = 0; i < count; i++)); do printf "\\x0$((i % 2))"; done; } \
      >"$dir/$part-labels-idx1-ubyte"
  done
}

# A small experiment on the IDX dataset in DATA_DIR (relative to the file), trained in a
# second: extra YAML lines (training: keys) come from the remaining arguments.
tiny_experiment() {
  local file="$1" data="$2"
  shift 2
  cat >"$file" <<YAML
name: tiny
seed: 1
dataset: {type: idx, path: $data, classes: [a, b]}
model:
  layers:
    - {type: flatten}
    - {type: dense, units: 2, activation: softmax}
training:
  epochs: 1
  batch_size: 4
$(for line in "$@"; do echo "  $line"; done)
YAML
}

# The same small experiment on an image_folder dataset; DATASET_KEYS go into its `dataset:`
# map ("path: data, image_size: [4, 4]").
folder_experiment() {
  local file="$1" dataset_keys="$2"
  cat >"$file" <<YAML
name: folder
dataset: {type: image_folder, $dataset_keys}
model:
  layers:
    - {type: flatten}
    - {type: dense, units: 2, activation: softmax}
training: {epochs: 1, batch_size: 2}
YAML
}

# A string field of a model file: u64 length, bytes.
model_str() { le64 "$(printf '%s' "$1" | wc -c)"; printf '%s' "$1"; }
# COUNT copies of the 4 bytes of the float whose bits are BITS.
model_floats() { local i; for ((i = 0; i < $1; i++)); do le32 "$2"; done; }

# The architecture tiny_experiment trains, as a model file stores it (resolved YAML).
tiny_architecture() {
  cat <<'YAML'
name: tiny
seed: 1
dataset: {type: idx, path: data, classes: [a, b]}
model:
  layers:
    - {type: flatten}
    - {type: dense, units: 2, activation: softmax}
YAML
}

# A model file (format: core/host_include/cnnlab/host/model_file.hpp) with a valid checksum, holding the
# flatten + dense(2) model of tiny_experiment on 4x4x1 images. Variables change single fields
# to craft a bad one: yaml, classes (space separated), scale_bits (IEEE bits of the float),
# kernel_dims (the dims the kernel claims), kernel_floats (how many it holds), weight_bits.
forge_model() {
  local out="$1" body
  local yaml="${yaml:-$(tiny_architecture)}" classes="${classes:-a b}"
  local scale_bits="${scale_bits:-0x437f0000}" weight_bits="${weight_bits:-0x3c23d70a}"
  local kernel_dims="${kernel_dims:-16 2}" kernel_floats="${kernel_floats:-32}" c d
  body="$(mktemp)"
  {
    printf 'CNNLABMF'
    le32 1
    model_str "$yaml"
    model_str default
    le64 "$(wc -w <<<"$classes")"
    for c in $classes; do model_str "$c"; done
    le64 3; le64 4; le64 4; le64 1
    le32 "$scale_bits"
    le64 2
    model_str dense/kernel
    le64 "$(wc -w <<<"$kernel_dims")"
    for d in $kernel_dims; do le64 "$d"; done
    model_floats "$kernel_floats" "$weight_bits"
    model_str dense/bias
    le64 1; le64 2
    model_floats 2 0
  } >"$body"
  { cat "$body"; crc32_le <"$body"; } >"$out"
  rm -f "$body"
}

# A valid PNG of WIDTH x HEIGHT black pixels, 1 bit deep: about 110 KB for 30000 x 30000, which
# decode to 0.9 GB (gray) or 2.7 GB (colour). The zlib stream is gzip's deflate data between
# its header and trailer, with the Adler-32 of all-zero data ((n mod 65521) << 16 | 1).
png_chunk() {
  local type="$1" data="$2"
  be32 "$(wc -c <"$data")"
  { printf '%s' "$type"; cat "$data"; } >"$data.crc"
  printf '%s' "$type"
  cat "$data"
  be32 "$(crc32_le <"$data.crc" | od -An -tu4)"
}
huge_png() {
  local out="$1" width="$2" height="$3" tmp raw
  tmp="$(mktemp -d)"
  raw=$((height * (1 + (width + 7) / 8)))
  { be32 "$width"; be32 "$height"; printf '\x01\x00\x00\x00\x00'; } >"$tmp/ihdr"
  {
    printf '\x78\x9c'
    head -c "$raw" /dev/zero | gzip -1 -n | tail -c +11 | head -c -8
    be32 $((((raw % 65521) << 16) | 1))
  } >"$tmp/idat"
  : >"$tmp/iend"
  { printf '\x89PNG\r\n\x1a\n'; png_chunk IHDR "$tmp/ihdr"; png_chunk IDAT "$tmp/idat"
    png_chunk IEND "$tmp/iend"; } >"$out"
  rm -rf "$tmp"
}

# The labeler's journal (labeler/include/labeler/journal.hpp): LINES joined by LF, fields
# given with literal tabs.
journal() {
  local out="$1"
  shift
  { echo "cnnlab-label journal 1"; printf '%s\n' "$@"; } >"$out"
}

# A labelled and exported dataset in DIR from the photos in PHOTOS (x.png labelled a, y.png b),
# made by the real cnnlab-label, for cases that damage one of its files afterwards.
exported_dataset() {
  local dir="$1" photos="$2"
  mkdir -p "$photos"
  cp "$here/data/pixel.png" "$photos/x.png"
  cp "$here/data/pixel.png" "$photos/y.png"
  printf '1\n2\n' >"$dir.keys"
  cnnlab_label "$photos" --out "$dir" --classes a,b --headless --script "$dir.keys" >/dev/null
}

# Runs cnnlab as a user other than the one who made the case's files: as root, as nobody
# (root writes anywhere, so a read-only folder means nothing to it); otherwise as ourselves,
# the case having taken away our write permission instead.
cnnlab_as_other_user() {
  if [[ $(id -u) -eq 0 ]]; then
    setpriv --reuid=65534 --regid=65534 --clear-groups timeout 60 "$CNNLAB" "$@"
  else
    cnnlab "$@"
  fi
}
