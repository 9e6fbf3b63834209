// tarjima: the search key of Uzbek text, as tarjima.search.key.search_key makes it in Python
// (the golden pairs of tests/data/search_key.tsv check that both agree).
(function (root) {
  "use strict";
  var APOSTROPHES = "'`\u00b4\u02b9\u02bb\u02bc\u02bd\u2018\u2019\u2032\uff07\u044a";
  var VOWELS = "\u0430\u0435\u0451\u0438\u043e\u0443\u044d\u044e\u044f\u045eaeiou";
  var LETTERS = {
    "\u0430": "a", "\u0431": "b", "\u0432": "v", "\u0433": "g", "\u0493": "g", "\u0434": "d", "\u0451": "yo", "\u0436": "j",
    "\u0437": "z", "\u0438": "i", "\u0439": "y", "\u043a": "k", "\u049b": "q", "\u043b": "l", "\u043c": "m", "\u043d": "n",
    "\u043e": "o", "\u043f": "p", "\u0440": "r", "\u0441": "s", "\u0442": "t", "\u0443": "u", "\u045e": "o", "\u0444": "f",
    "\u0445": "x", "\u04b3": "h", "\u0446": "ts", "\u0447": "ch", "\u0448": "sh", "\u0449": "sh", "\u044b": "i", "\u044c": "",
    "\u044d": "e", "\u044e": "yu", "\u044f": "ya", "\u015f": "sh", "\u0219": "sh", "\u00e7": "ch", "\u00f6": "o", "\u011f": "g"
  };
  var LETTER = /\p{L}/u, MARK = /\p{M}/gu;

  function searchKey(text) {
    var out = [], before = "";
    for (var ch of text.normalize("NFC").toLowerCase()) {
      if (APOSTROPHES.indexOf(ch) >= 0) {
        // dropped
      } else if (ch === "\u0435") {
        out.push(!LETTER.test(before) || VOWELS.indexOf(before) >= 0 || before === "\u044c" || before === "\u044a" ? "ye" : "e");
      } else {
        out.push(Object.prototype.hasOwnProperty.call(LETTERS, ch) ? LETTERS[ch] : ch);
      }
      before = ch;
    }
    return out.join("").normalize("NFD").replace(MARK, "").normalize("NFC");
  }

  if (typeof module !== "undefined" && module.exports) module.exports = searchKey;
  else root.tarjimaSearchKey = searchKey;
})(this);
