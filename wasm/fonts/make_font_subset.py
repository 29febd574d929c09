#!/usr/bin/env python3
"""Builds the Korean UI font: NanumGothic cut down to what the canvas can show.

Kept glyphs: printable ASCII, every non-ASCII character found in the strings table
(wasm/app/strings.cpp) and the view sources (symbols), and the 2,350 Hangul syllables of KS X 1001 (the everyday set,
so learner-supplied Korean such as payload text or log lines mostly renders too).
Hinting and layout tables are dropped: Dear ImGui rasterises with stb_truetype, which
uses neither, and every byte here is downloaded by each visitor.
"""
import argparse
import sys

from fontTools import subset


def ks_x_1001_hangul():
    # Rows 0xB0..0xC8 of EUC-KR, 94 cells each: exactly the 2,350 precomposed syllables.
    chars = []
    for i in range(2350):
        chars.append(bytes([0xB0 + i // 94, 0xA1 + i % 94]).decode("euc-kr"))
    return chars


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--font", required=True)
    ap.add_argument("--output", required=True)
    ap.add_argument("--strings", action="append", default=[], help="source files whose non-ASCII characters are kept")
    a = ap.parse_args()

    wanted = set(chr(c) for c in range(0x20, 0x7F))
    wanted.update(ks_x_1001_hangul())
    for path in a.strings:
        with open(path, encoding="utf-8") as f:
            wanted.update(ch for ch in f.read() if ord(ch) > 0x7E)
    # Symbols the core itself may print (log lines use U+00A0 in tracebacks) or learners type.
    wanted.update(chr(c) for c in range(0xA0, 0x100))
    wanted.update(chr(c) for c in range(0x2010, 0x2028))
    wanted.discard("\ufeff")

    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]     # keep the copyright/licence names (OFL)
    options.notdef_outline = True
    font = subset.load_font(a.font, options)
    sub = subset.Subsetter(options)
    sub.populate(unicodes=[ord(c) for c in wanted])
    sub.subset(font)
    subset.save_font(font, a.output, options)
    print(f"font subset: {len(wanted)} characters requested -> {a.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
