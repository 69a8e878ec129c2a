#include "elf_check.hpp"

#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <vector>

namespace cnnlab::plugin_detail {

namespace {

#if defined(__x86_64__)
constexpr uint16_t kMachine = EM_X86_64;
#elif defined(__aarch64__)
constexpr uint16_t kMachine = EM_AARCH64;
#elif defined(__i386__)
constexpr uint16_t kMachine = EM_386;
#elif defined(__arm__)
constexpr uint16_t kMachine = EM_ARM;
#elif defined(__riscv)
constexpr uint16_t kMachine = EM_RISCV;
#elif defined(__powerpc64__)
constexpr uint16_t kMachine = EM_PPC64;
#elif defined(__s390x__)
constexpr uint16_t kMachine = EM_S390;
#else
#error "elf_check.cpp: add this architecture's e_machine"
#endif

constexpr unsigned char kClass = sizeof(void*) == 8 ? ELFCLASS64 : ELFCLASS32;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
constexpr unsigned char kData = ELFDATA2LSB;
#else
constexpr unsigned char kData = ELFDATA2MSB;
#endif

class File {
 public:
  explicit File(const std::string& path) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {}
  ~File() {
    if (fd_ >= 0) ::close(fd_);
  }
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  int fd() const { return fd_; }

  // Reads exactly `size` bytes at `offset` (the caller has checked they are in the file).
  bool read(uint64_t offset, void* out, size_t size) const {
    auto* bytes = static_cast<char*>(out);
    while (size > 0) {
      const ssize_t n = ::pread(fd_, bytes, size, static_cast<off_t>(offset));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      bytes += n;
      offset += static_cast<uint64_t>(n);
      size -= static_cast<size_t>(n);
    }
    return true;
  }

 private:
  int fd_;
};

// Whether [offset, offset + count * entry) lies inside a file of `size` bytes, without
// overflowing on hostile values.
bool inside(uint64_t offset, uint64_t count, uint64_t entry, uint64_t size) {
  if (offset > size) return false;
  return entry == 0 || count <= (size - offset) / entry;
}

std::string beyond_end(const std::string& what, uint64_t offset, uint64_t length, uint64_t size) {
  return "truncated or damaged: " + what + " (bytes " + std::to_string(offset) + " + " +
         std::to_string(length) + ") reach beyond the end of the file (" + std::to_string(size) +
         " bytes)";
}

std::string header_problem(const ElfW(Ehdr) & h) {
  if (std::memcmp(h.e_ident, ELFMAG, SELFMAG) != 0) return "not an ELF file";
  if (h.e_ident[EI_CLASS] != kClass)
    return std::string("an ELF file of ") + (kClass == ELFCLASS64 ? "32" : "64") +
           "-bit code, this cnnlab is " + (kClass == ELFCLASS64 ? "64" : "32") + "-bit";
  if (h.e_ident[EI_DATA] != kData) return "an ELF file of the other byte order";
  if (h.e_ident[EI_VERSION] != EV_CURRENT || h.e_version != EV_CURRENT)
    return "an ELF file of an unknown version";
  if (h.e_type != ET_DYN) return "an ELF file but not a shared library";
  if (h.e_machine != kMachine)
    return "a shared library for another machine (e_machine " + std::to_string(h.e_machine) +
           ", this cnnlab is " + std::to_string(kMachine) + ")";
  if (h.e_phentsize != sizeof(ElfW(Phdr)) || h.e_phnum == 0 || h.e_phnum == PN_XNUM)
    return "a damaged shared library (bad program header table)";
  if (h.e_shnum != 0 && h.e_shentsize != sizeof(ElfW(Shdr)))
    return "a damaged shared library (bad section header table)";
  return "";
}

std::string segments_problem(const File& f, const ElfW(Ehdr) & h, uint64_t size) {
  if (!inside(h.e_phoff, h.e_phnum, h.e_phentsize, size))
    return beyond_end("the program headers", h.e_phoff, uint64_t{h.e_phnum} * h.e_phentsize, size);
  std::vector<ElfW(Phdr)> segments(h.e_phnum);
  if (!f.read(h.e_phoff, segments.data(), segments.size() * sizeof(ElfW(Phdr))))
    return "cannot read its program headers";
  for (size_t i = 0; i < segments.size(); ++i) {
    const ElfW(Phdr)& p = segments[i];
    if (!inside(p.p_offset, 1, p.p_filesz, size))
      return beyond_end("segment " + std::to_string(i), p.p_offset, p.p_filesz, size);
    if (p.p_type == PT_LOAD && p.p_filesz > p.p_memsz)
      return "a damaged shared library (segment " + std::to_string(i) +
             " has more file bytes than memory)";
  }
  return "";
}

// Section headers are not needed to load a library, but the symbol reader that tells a broken
// cnnlab plugin from another library reads them.
std::string sections_problem(const File& f, const ElfW(Ehdr) & h, uint64_t size) {
  if (h.e_shnum == 0) return "";
  if (!inside(h.e_shoff, h.e_shnum, h.e_shentsize, size))
    return beyond_end("the section headers", h.e_shoff, uint64_t{h.e_shnum} * h.e_shentsize, size);
  if (h.e_shstrndx != SHN_UNDEF && h.e_shstrndx >= h.e_shnum)
    return "a damaged shared library (bad section name table index)";
  std::vector<ElfW(Shdr)> sections(h.e_shnum);
  if (!f.read(h.e_shoff, sections.data(), sections.size() * sizeof(ElfW(Shdr))))
    return "cannot read its section headers";
  for (size_t i = 0; i < sections.size(); ++i) {
    const ElfW(Shdr)& s = sections[i];
    if (s.sh_type != SHT_NOBITS && !inside(s.sh_offset, 1, s.sh_size, size))
      return beyond_end("section " + std::to_string(i), s.sh_offset, s.sh_size, size);
  }
  return "";
}

}  // namespace

std::string elf_shared_object_problem(const std::string& file) {
  const File f(file);
  if (f.fd() < 0) return std::string("cannot open it: ") + std::strerror(errno);
  struct stat st {};
  if (::fstat(f.fd(), &st) != 0) return std::string("cannot stat it: ") + std::strerror(errno);
  if (!S_ISREG(st.st_mode)) return "not a regular file";
  const auto size = static_cast<uint64_t>(st.st_size);
  ElfW(Ehdr) header{};
  if (size < sizeof header) {
    const bool elf = size >= SELFMAG && f.read(0, header.e_ident, SELFMAG) &&
                     std::memcmp(header.e_ident, ELFMAG, SELFMAG) == 0;
    return elf ? beyond_end("the ELF header", 0, sizeof header, size) : "not an ELF file";
  }
  if (!f.read(0, &header, sizeof header)) return "cannot read its ELF header";
  std::string problem = header_problem(header);
  if (problem.empty()) problem = segments_problem(f, header, size);
  if (problem.empty()) problem = sections_problem(f, header, size);
  return problem;
}

bool exports_dynamic_symbol(const std::string& file, const std::string& symbol) {
  const File f(file);
  struct stat st {};
  if (f.fd() < 0 || ::fstat(f.fd(), &st) != 0) return false;
  const auto size = static_cast<uint64_t>(st.st_size);
  ElfW(Ehdr) h{};
  if (size < sizeof h || !f.read(0, &h, sizeof h) || !header_problem(h).empty() || h.e_shnum == 0 ||
      !inside(h.e_shoff, h.e_shnum, sizeof(ElfW(Shdr)), size))
    return false;
  std::vector<ElfW(Shdr)> sections(h.e_shnum);
  if (!f.read(h.e_shoff, sections.data(), sections.size() * sizeof(ElfW(Shdr)))) return false;
  for (const ElfW(Shdr) & table : sections) {
    if (table.sh_type != SHT_DYNSYM || table.sh_entsize != sizeof(ElfW(Sym)) ||
        table.sh_link >= sections.size())
      continue;
    const ElfW(Shdr)& names = sections[table.sh_link];
    if (names.sh_type != SHT_STRTAB || !inside(table.sh_offset, 1, table.sh_size, size) ||
        !inside(names.sh_offset, 1, names.sh_size, size))
      continue;
    std::vector<ElfW(Sym)> symbols(table.sh_size / sizeof(ElfW(Sym)));
    std::string text(names.sh_size, '\0');
    if (!f.read(table.sh_offset, symbols.data(), symbols.size() * sizeof(ElfW(Sym))) ||
        !f.read(names.sh_offset, &text[0], text.size()))
      continue;
    for (const ElfW(Sym) & sym : symbols) {
      if (sym.st_shndx == SHN_UNDEF || sym.st_name >= text.size()) continue;  // imported
      if (text.compare(sym.st_name, symbol.size() + 1, symbol.c_str(), symbol.size() + 1) == 0)
        return true;
    }
  }
  return false;
}

}  // namespace cnnlab::plugin_detail
