"""UAX #14 line-break classes and pair rules, as libunistring 1.0 has them (Unicode 14): the tables behind ``po.wrap``."""

from __future__ import annotations

# Line-break classes of individual characters (UAX #14 / LineBreak.txt, Unicode 14),
# where the general-category fallback in _lb_class() would be wrong.
EXPLICIT = {
    "!": "EX", "?": "EX", '"': "QU", "'": "QU", "$": "PR", "+": "PR", "\\": "PR",
    "%": "PO", "(": "OP", "[": "OP", "{": "OP", ")": "CP", "]": "CP", "}": "CL",
    ",": "IS", ".": "IS", ":": "IS", ";": "IS", "/": "SY", "-": "HY", "|": "BA",
    "\t": "BA", " ": "SP", "\u00a0": "GL", "\u00a1": "OP", "\u00bf": "OP",
    "\u00a2": "PO", "\u00b0": "PO", "\u00b1": "PR", "\u00ad": "BA", "\u00b4": "BB",
    "\u02c8": "BB", "\u02cc": "BB", "\u02df": "BB", "\u0085": "BK",
    "\u2007": "GL", "\u2011": "GL", "\u202f": "GL", "\u2014": "B2", "\u2015": "AL",
    "\u201a": "OP", "\u201e": "OP", "\u2024": "IN", "\u2025": "IN", "\u2026": "IN",
    "\u2027": "BA", "\u2028": "BK", "\u2029": "BK", "\u200b": "ZW", "\u2060": "WJ",
    "\ufeff": "WJ", "\u2044": "IS", "\u203c": "NS", "\u203d": "NS", "\u2047": "NS",
    "\u2048": "NS", "\u2049": "NS", "\u2056": "BA", "\u2058": "BA", "\u2059": "BA",
    "\u205a": "BA", "\u205b": "BA", "\u205d": "BA", "\u205e": "BA", "\u2061": "AL",
    "\u2062": "AL", "\u2063": "AL", "\u2064": "AL", "\u2116": "PR", "\u2212": "PR",
    "\u2213": "PR", "\u20a7": "PO", "\u20b6": "PO", "\u20bb": "PO", "\u20be": "PO",
    "\u20c0": "PO", "\u2103": "PO", "\u2109": "PO", "\u3000": "BA", "\u037e": "IS",
    "\u034f": "GL", "\u200d": "ZWJ",
}
EXPLICIT.update(dict.fromkeys("\u035c\u035d\u035e\u035f\u0360\u0361\u0362", "GL"))
EXPLICIT.update(dict.fromkeys("\u2030\u2031\u2032\u2033\u2034\u2035\u2036\u2037", "PO"))

# CJK punctuation, kana and fullwidth forms (LineBreak.txt, Unicode 14; CJ resolved to NS as
# libunistring's strict breaking does).
def ranges(spec: str, cls: str) -> dict[str, str]:
    table = {}
    for part in spec.split():
        low, _, high = part.partition("..")
        table.update({chr(c): cls for c in range(int(low, 16), int(high or low, 16) + 1)})
    return table


EXPLICIT.update(ranges("3001..3002 FE50 FE52 FF0C FF0E FF61 FF64 3009 300B 300D 300F 3011 3015 3017 3019 301B 301E..301F FF5D FF60 FF63", "CL"))
EXPLICIT.update(ranges("3008 300A 300C 300E 3010 3014 3016 3018 301A 301D FF08 FF3B FF5B FF5F FF62", "OP"))
EXPLICIT.update(ranges("FF09 FF3D", "CP"))
EXPLICIT.update(ranges("FF01 FF1F", "EX"))
EXPLICIT.update(ranges(
    "3005 301C 303B..303C 309B..309E 30A0 30FB 30FD..30FE FF1A..FF1B FF65 FF9E..FF9F"
    " 3041 3043 3045 3047 3049 3063 3083 3085 3087 308E 3095..3096 30A1 30A3 30A5 30A7 30A9"
    " 30C3 30E3 30E5 30E7 30EE 30F5..30F6 30FC 31F0..31FF FF67..FF70",  # CJ: small kana, the prolonged sound mark
    "NS",
))
EXPLICIT.update(ranges("FF04", "PR"))
EXPLICIT.update(ranges("FF05", "PO"))

# Fallback class by general category (for characters not listed above).
BY_CATEGORY = {
    "Mn": "CM", "Me": "CM", "Mc": "CM", "Cc": "CM", "Cf": "CM", "Cn": "AL",
    "Nd": "NU", "Zs": "BA", "Pd": "BA", "Ps": "OP", "Pe": "CL",
    "Pi": "QU", "Pf": "QU", "Sc": "PR",
}

# libunistring 1.0's pair table: row = class before, column = class after.
# D = break, I = break only if spaces intervene, P = no break even across spaces.
COLUMNS = "WJ GL B2 BA BB HY CL CP EX IN NS OP QU IS NU PO PR SY AL ID".split()
ROWS = {
    "WJ": "PIIIIIPPPIIIIPIIIPII",
    "GL": "PIIIIIPPPIIIIPIIIPII",
    "B2": "PIPIDIPPPIIDIPDDDPDD",
    "BA": "PDDIDIPPPIIDIPDDDPDD",
    "BB": "PIIIIIPPPIIIIPIIIPII",
    "HY": "PDDIDIPPPIIDIPIDDPDD",
    "CL": "PIDIDIPPPIPDIPDIIPDD",
    "CP": "PIDIDIPPPIIDIPIIIPID",
    "EX": "PIDIDIPPPIIDIPDDDPDD",
    "IN": "PIDIDIPPPIIDIPDDDPDD",
    "NS": "PIDIDIPPPIIDIPDDDPDD",
    "OP": "PPPPPPPPPPPPPPPPPPPP",
    "QU": "PIIIIIPPPIIPIPIIIPII",
    "IS": "PIDIDIPPPIIDIPIDDPDD",
    "NU": "PIDIDIPPPIIIIPIIIPID",
    "PO": "PIDIDIPPPIIIIPIDDPID",
    "PR": "PIDIDIPPPIIIIPIDDPII",
    "SY": "PIDIDIPPPIIDIPIDDPDD",
    "AL": "PIDIDIPPPIIIIPIIIPID",
    "ID": "PIDIDIPPPIIDIPDIDPDD",
}
PAIRS = {(row, col): rule for row, rules in ROWS.items() for col, rule in zip(COLUMNS, rules)}
