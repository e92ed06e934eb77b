#!/usr/bin/env python3
"""Where a wasm module's bytes are: section sizes, then the largest functions by body size.

Usage: scripts/wasm-sizes.py MODULE.wasm [N]   (N largest functions, default 40)

Names come from the module's "name" section, so use a build that keeps it (the shipped
engine.wasm is stripped): link without --strip-all and run wasm-opt with --debuginfo, or read
the linker's output before wasm-opt. Names are demangled with llvm-cxxfilt-19 when it exists.
"""
import shutil
import subprocess
import sys


def leb(buf, pos):
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, pos


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    buf = open(path, "rb").read()
    pos = 8
    sections = []
    imports = 0
    bodies = []
    names = {}
    while pos < len(buf):
        sid = buf[pos]
        size, body = leb(buf, pos + 1)
        end = body + size
        label = str(sid)
        if sid == 0:
            nlen, p = leb(buf, body)
            label = "custom:" + buf[p:p + nlen].decode()
            if label == "custom:name":
                p += nlen
                while p < end:
                    kind = buf[p]
                    ssize, p = leb(buf, p + 1)
                    send = p + ssize
                    if kind == 1:
                        count, q = leb(buf, p)
                        for _ in range(count):
                            idx, q = leb(buf, q)
                            ln, q = leb(buf, q)
                            names[idx] = buf[q:q + ln].decode(errors="replace")
                            q += ln
                    p = send
        elif sid == 2:
            label = "import"
            count, p = leb(buf, body)
            for _ in range(count):
                for _ in range(2):
                    ln, p = leb(buf, p)
                    p += ln
                kind = buf[p]
                p += 1
                if kind == 0:
                    imports += 1
                    _, p = leb(buf, p)
                elif kind == 1:
                    p += 1
                    flags, p = leb(buf, p)
                    _, p = leb(buf, p)
                    if flags & 1:
                        _, p = leb(buf, p)
                elif kind == 2:
                    flags, p = leb(buf, p)
                    _, p = leb(buf, p)
                    if flags & 1:
                        _, p = leb(buf, p)
                elif kind == 3:
                    p += 2
        elif sid == 10:
            label = "code"
            count, p = leb(buf, body)
            for i in range(count):
                fsize, q = leb(buf, p)
                bodies.append((q - p + fsize, imports + i))
                p = q + fsize
        else:
            label = {1: "type", 3: "function", 4: "table", 5: "memory", 6: "global", 7: "export",
                     8: "start", 9: "elem", 11: "data", 12: "datacount"}.get(sid, label)
        sections.append((label, end - pos))
        pos = end
    print(f"{path}: {len(buf):,} bytes")
    for label, size in sections:
        print(f"  {label:<20} {size:>9,}")
    print(f"  {len(bodies)} functions, code {sum(s for s, _ in bodies):,} bytes")
    bodies.sort(reverse=True)
    shown = [(s, names.get(i, f"func[{i}]")) for s, i in bodies[:top]]
    filt = shutil.which("llvm-cxxfilt-19") or shutil.which("c++filt")
    if filt:
        out = subprocess.run([filt], input="\n".join(n for _, n in shown), capture_output=True, text=True).stdout
        shown = [(s, d) for (s, _), d in zip(shown, out.splitlines())]
    for size, name in shown:
        print(f"{size:>8,}  {name[:150]}")


if __name__ == "__main__":
    main()
