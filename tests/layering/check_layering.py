#!/usr/bin/env python3
"""Fails when a source file of the core reaches upward: includes a public header owned by an
area it may not use, or a private header (core/src/AREA/...) of one.

The areas, what each may use and which public headers each owns are written once, in the
"Layers" table of docs/ARCHITECTURE.md; this script reads them from there. An area may use
what the areas it names may use (the order is transitive). A public header missing from the
table is an error too, so the table stays the whole map.

usage: check_layering.py SOURCE_DIR
"""
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def read_table(architecture):
    """{area: (uses, headers)} from the table after the <!-- layers --> marker."""
    text = architecture.read_text()
    start = text.index("<!-- layers -->")
    areas = {}
    for line in text[start:].splitlines()[1:]:
        if not line.startswith("|"):
            if areas:
                break
            continue
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in ("area", "") or set(cells[0]) <= {"-"}:
            continue
        area, folder, uses, headers = cells
        areas[area] = (folder, set(uses.replace("`", "").split()) - {"-"},
                       set(headers.replace("`", "").split()) - {"-"})
    return areas


def closure(areas):
    allowed = {}

    def visit(area, seen):
        if area in allowed:
            return allowed[area]
        if area in seen:
            raise SystemExit(f"layers table: {area} uses itself through {sorted(seen)}")
        result = {area}
        for used in areas[area][1]:
            if used not in areas:
                raise SystemExit(f"layers table: {area} uses unknown area {used}")
            result |= visit(used, seen | {area})
        allowed[area] = result
        return result

    for area in areas:
        visit(area, set())
    return allowed


def main():
    root = pathlib.Path(sys.argv[1])
    areas = read_table(root / "docs" / "ARCHITECTURE.md")
    allowed = closure(areas)
    owner = {}
    for area, (_, _, headers) in areas.items():
        for header in headers:
            owner[header] = area
    problems = []
    roots = [root / "core" / "include", root / "core" / "host_include"]
    for header in sorted(h for r in roots for h in r.rglob("*.hpp")):
        name = header.relative_to(next(r for r in roots if r in header.parents)).as_posix()
        if name.removeprefix("cnnlab/") not in owner and not any(
                name.removeprefix("cnnlab/").startswith(h) for h in owner if h.endswith("/")):
            problems.append(f"{name}: not in the layers table of docs/ARCHITECTURE.md")

    def owner_of(name):
        key = name.removeprefix("cnnlab/")
        if key in owner:
            return owner[key]
        for h, area in owner.items():
            if h.endswith("/") and key.startswith(h):
                return area
        return None

    for area, (folder, _, _) in areas.items():
        directory = root / folder
        for source in sorted(directory.rglob("*")):
            if source.suffix not in (".cpp", ".hpp", ".inc"):
                continue
            for included in INCLUDE.findall(source.read_text(errors="replace")):
                where = source.relative_to(root).as_posix()
                if included.startswith("cnnlab/"):
                    used = owner_of(included)
                    if used is not None and used not in allowed[area]:
                        problems.append(f"{where}: {area} may not include {included} ({used})")
                    continue
                target = (source.parent / included).resolve()
                used = next((a for a, (f, _, _) in areas.items()
                             if (root / f).resolve() in target.parents), None)
                if target.exists() and used is not None and used not in allowed[area]:
                    problems.append(f"{where}: {area} may not include {included} ({used})")
    for p in problems:
        print("FAILED:", p)
    print(f"checked {len(areas)} areas, {len(owner)} public headers: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
