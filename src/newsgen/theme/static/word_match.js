// Telling a word Pagefind really found from one it fell back to.
//
// When no word of the index starts with a query word's stem, Pagefind searches for the
// longest prefix that some word does start with (pagefind#315): «Токаев» in a part of the
// index without him finds «Токио». A match is real when the word found begins with the
// whole stem of the word asked for; Pagefind stems Russian with Snowball, so the Russian
// stem below follows the Snowball algorithm's rules. Other languages get a length rule.

const VOWELS = "аеиоуыэюя";

const GERUND = [["в", "вши", "вшись"], ["ив", "ивши", "ившись", "ыв", "ывши", "ывшись"]];
const REFLEXIVE = ["ся", "сь"];
const ADJECTIVE = ("ее ие ые ое ими ыми ей ий ый ой ем им ым ом его ого ему ому их ых " +
  "ую юю ая яя ою ею").split(" ");
const PARTICIPLE = [["ем", "нн", "вш", "ющ", "щ"], ["ивш", "ывш", "ующ"]];
const VERB = [
  "ла на ете йте ли й л ем н ло но ет ют ны ть ешь нно".split(" "),
  ("ила ыла ена ейте уйте ите или ыли ей уй ил ыл им ым ен ило ыло ено ят ует уют ит ыт " +
    "ены ить ыть ишь ую ю").split(" "),
];
const NOUN = ("а ев ов ие ье е иями ями ами еи ии и ией ей ой ий й иям ям ием ем ам ом о у " +
  "ах иях ях ы ь ию ью ю ия ья я").split(" ");

// The region after the first vowel (RV), and R2 as Snowball defines them: where an
// ending may be taken off.
function regions(word) {
  const afterVowelThenConsonant = (from) => {
    for (let i = from + 1; i < word.length; i++) {
      if (!VOWELS.includes(word[i]) && VOWELS.includes(word[i - 1])) return i + 1;
    }
    return word.length;
  };
  const firstVowel = [...word].findIndex((letter) => VOWELS.includes(letter));
  const rv = firstVowel < 0 ? word.length : firstVowel + 1;
  return { rv, r2: afterVowelThenConsonant(afterVowelThenConsonant(0)) };
}

// The longest ending of `endings` that `word` has at or after `start`; group-one endings
// (the first list of a pair) count only after «а» or «я».
function ending(word, start, endings, afterAOrYa = false) {
  const found = endings
    .filter((end) => word.endsWith(end) && word.length - end.length >= start)
    .filter((end) => !afterAOrYa || precededByAOrYa(word, word.length - end.length, start))
    .sort((a, b) => b.length - a.length);
  return found.length ? found[0] : null;
}

// The «а» or «я» must stand inside the region too.
function precededByAOrYa(word, at, start) {
  return at - 1 >= start && "ая".includes(word[at - 1]);
}

function takeOff(word, start, groups) {
  const [first, second] = groups;
  const end = ending(word, start, first, true) || ending(word, start, second);
  return end ? word.slice(0, word.length - end.length) : null;
}

function stepOne(word, rv) {
  const gerundless = takeOff(word, rv, GERUND);
  if (gerundless !== null) return gerundless;
  const reflexive = ending(word, rv, REFLEXIVE);
  if (reflexive) word = word.slice(0, -reflexive.length);
  const adjective = ending(word, rv, ADJECTIVE);
  if (adjective) {
    word = word.slice(0, -adjective.length);
    return takeOff(word, rv, PARTICIPLE) ?? word;
  }
  const verbless = takeOff(word, rv, VERB);
  if (verbless !== null) return verbless;
  const noun = ending(word, rv, NOUN);
  return noun ? word.slice(0, -noun.length) : word;
}

/** The Snowball stem of a Russian word, lower case, «ё» read as «е». */
export function russianStem(word) {
  word = word.toLowerCase().replaceAll("ё", "е");
  const { rv, r2 } = regions(word);
  word = stepOne(word, rv);
  if (word.endsWith("и") && word.length - 1 >= rv) word = word.slice(0, -1);
  const derivational = ending(word, r2, ["ост", "ость"]);
  if (derivational) word = word.slice(0, -derivational.length);
  const superlative = ending(word, rv, ["ейш", "ейше"]);
  if (superlative) word = word.slice(0, -superlative.length);
  if (word.endsWith("нн") && word.length - 2 >= rv) return word.slice(0, -1);
  if (!superlative && word.endsWith("ь") && word.length - 1 >= rv) return word.slice(0, -1);
  return word;
}

function commonPrefix(a, b) {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
}

function stemLength(word, language) {
  if (language === "ru" && /[а-яё]/i.test(word)) return russianStem(word).length;
  // Stemmers of other languages take a few letters off the end at most.
  return Math.max(Math.min(word.length, 4), word.length - 3);
}

/** Whether `found` (a word Pagefind marked) is a form of the word `asked`. */
export function isFormOf(found, asked, language) {
  const fold = (word) => word.toLowerCase().replaceAll("ё", "е");
  return commonPrefix(fold(found), fold(asked)) >= stemLength(asked, language);
}

/** The words of a query as Pagefind takes them apart: letters and digits, split at the rest. */
export function queryWords(query) {
  return query.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}
