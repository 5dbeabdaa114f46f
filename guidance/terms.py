"""The terms a question is made of: normalised words, minus the words every question has, each
reduced to the form the knowledge base indexes.

Three steps, each for a reason:

- **Stop words** (``في``، ``هل``، ``عايز``، ``the``, ``how``…) say nothing about which answer is
  wanted; Egyptian fillers are among them.
- **The lexicon** (``guidance/knowledge/lexicon.toml``) maps the forms of one notion, in either
  language and dialect, to one term: ``باسبور``، ``جواز``، ``passport`` → ``passport``;
  ``اجدد``، ``تجديد``، ``renewal`` → ``renew``. A light stemmer cannot join ``اجدد`` and
  ``تجديد`` (different patterns of one root); a reviewed list can, and it also lets an English
  question find an Arabic variant.
- **Light stemming**: the article and its clitics (``ال``، ``وال``، ``بال``، ``لل``…) always go; a
  lone ``و``، ``ب``، ``ف``، ``ل`` before a word, or a pronoun or plural ending after it, only when
  what remains is a term the knowledge base knows — ``بطاقه`` in ``وبطاقه`` — so ``باسبور`` keeps
  its ``ب``. A word still unknown may be a typo: the closest known spelling within a small edit
  distance (rapidfuzz) stands for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from guidance.normalise import normalise

STOP_WORDS = frozenset(
    normalise(
        # Modern Standard Arabic
        "في من على الى إلى عن ما ماذا هل أن إن او أو ثم مع هذا هذه ذلك تلك التي الذي هو هي انا أنا "
        "نحن انت أنت انتم كيف كيفية يمكن يمكنني استطيع أستطيع أريد اريد اود أود لي لنا به بها فيه "
        "عند عندي كان يكون تكون قد لقد اي أي ايضا أيضًا يا لو إذا اذا ماهي ما هي ماهو "
        # Egyptian colloquial
        "عايز عايزه عاوز عاوزه عايزين ازاي إزاي ايه إيه اية إية ده دي دا دول كده كدا بتاع بتاعت بتاعي "
        "بتاعتي بتاعها بتاعه بتاعهم بتاعنا اللي الي انا إنا يعني طب طيب لو سمحت سمحتوا "
        "ممكن حضرتك بقى بقا مين "
        "عشان علشان اعمل أعمل نعمل يعمل هعمل تعمل اقدر أقدر قادر مش ليه ولا لا لأ لسه لما بعد قبل "
        "فوق تحت عند عندي عنده عندها معاه حاجه حاجة النهارده النهاردة امبارح بكره بكرة دلوقتي دلوقت "
        "كده برضه بردو خالص اوي قوي جدا جداً كل بس "
        # English
        "a an the is are am be was were do does did i me my you your we our it its of to in on at for "
        "with from by and or if can could would should please how what which who when where why "
        "there this that these those have has had get want"
    ).split()
)
"""Words that carry no topic. Question words that do (``امتى``/``when``, ``كام``/``how much``,
``فين``/``where``) are not here: the lexicon gives them terms of their own."""

ARTICLES = ("وبال", "وال", "بال", "كال", "فال", "لل", "ال")
"""The article with the particles that stick to it: always removed when two letters remain."""
CLITICS = ("و", "ب", "ف", "ل", "ك")
SUFFIXES = ("هما", "كم", "هم", "كن", "هن", "نا", "ها", "ات", "ين", "ون", "ان", "يه", "ه", "ي", "ك")
FUZZY_CUTOFF = 85.0
"""The least rapidfuzz ``ratio`` (0–100) at which an unknown word is read as a known one: a letter
missing from a seven-letter word (``pasport``) scores 93, one wrong letter in six 83 — too close
(``دولار`` and ``دخولا`` score 80)."""
MIN_FUZZY_LENGTH = 5


def _latin_stem(word: str) -> str:
    """A very light English stem: plurals and -ing/-ed, enough for ``documents`` = ``document``."""
    if not word.isascii() or not word.isalpha():
        return word
    for ending, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(ending) and len(word) - len(ending) >= 3 and not word.endswith("ss"):
            return word[: -len(ending)] + keep
    return word


def strip_article(word: str) -> str:
    for article in ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 2:
            return word[len(article) :]
    return word


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Forms → term. Built from the reviewed list; every form normalised and stripped of its
    article, as the words it will be compared with are."""

    terms: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, groups: Mapping[str, Iterable[str]]) -> Lexicon:
        terms: dict[str, str] = {}
        for term, forms in groups.items():
            for form in [term, *forms]:
                for word in normalise(form).split():
                    key = _latin_stem(strip_article(word))
                    if terms.get(key, term) != term:
                        raise ValueError(f"lexicon form {form!r} is listed under {terms[key]!r} and {term!r}")
                    terms[key] = term
        return cls(terms)

    def term(self, word: str) -> str:
        """The term of an article-free word: the lexicon's, else the word as stemmed."""
        stemmed = _latin_stem(word)
        return self.terms.get(stemmed, self.terms.get(word, stemmed))


def is_stop_word(word: str) -> bool:
    """A stop word, also with a particle before it or a pronoun after it (``ومش``، ``بتاعها``).
    Numbers and single letters count as stop words too: no answer is chosen by a number, and a
    number in a question is as likely an identity or a mobile as anything else."""
    if len(word) < 2 or word.isdigit() or word in STOP_WORDS:
        return True
    fronts = [word] + [word[1:] for clitic in CLITICS if word.startswith(clitic) and len(word) >= 3]
    return any(
        front in STOP_WORDS
        or any(front.endswith(suffix) and front[: -len(suffix)] in STOP_WORDS for suffix in SUFFIXES)
        for front in fronts
    )


def words(text: str) -> list[str]:
    """The words of ``text`` that may carry a topic, normalised."""
    return [word for word in normalise(text).split() if not is_stop_word(word)]


def document_terms(text: str, lexicon: Lexicon) -> list[str]:
    """The terms of a knowledge-base text (a question variant): deterministic, no guessing."""
    return [lexicon.term(strip_article(word)) for word in words(text)]


class QueryReader:
    """Reads a citizen's question into terms the knowledge base knows where it can: the same
    steps as ``document_terms``, then clitics, endings and typos resolved against the terms of
    the knowledge base's documents.

    The documents' own words get the same treatment first: a word whose shorter form is also a
    document word (``سفري`` beside ``سفر``) stands for the shorter one everywhere
    (``canonical``), so a question's ``سفري`` and a variant's ``سفر`` are one term.
    """

    def __init__(self, lexicon: Lexicon, vocabulary: Iterable[str]) -> None:
        self._lexicon = lexicon
        words = frozenset(vocabulary)
        lexicon_terms = frozenset(lexicon.terms.values())
        self._canonical = {
            word: next((self._term(c) for c in self._unclitic(word) if self._term(c) in words), word)
            for word in words
            if word not in lexicon_terms
        }
        self._known = frozenset(self.canonical(word) for word in words)
        # Every spelling that leads to a known term: the lexicon's forms and the terms themselves.
        spellings = {form: term for form, term in lexicon.terms.items() if term in self._known}
        spellings.update({term: term for term in self._known})
        self._spellings = spellings
        self._choices = sorted(word for word in spellings if len(word) >= MIN_FUZZY_LENGTH - 1)

    @property
    def known(self) -> frozenset[str]:
        return self._known

    def canonical(self, term: str) -> str:
        """The term a document word stands for."""
        return self._canonical.get(term, term)

    def terms(self, question: str) -> list[str]:
        return [self._read(word) for word in words(question)]

    def _term(self, word: str) -> str:
        return self._lexicon.term(strip_article(word))

    def _read(self, word: str) -> str:
        term = self.canonical(self._term(word))
        if term in self._known:
            return term
        for candidate in self._unclitic(word):
            found = self.canonical(self._term(candidate))
            if found in self._known:
                return found
        return self._closest(word) or term

    @staticmethod
    def _unclitic(word: str) -> Iterable[str]:
        """The word without a leading particle, a trailing ending, or both."""
        fronts = [word] + [word[1:] for clitic in CLITICS if word.startswith(clitic) and len(word) >= 4]
        for front in fronts:
            if front is not word:
                yield front
            for suffix in SUFFIXES:
                if front.endswith(suffix) and len(front) - len(suffix) >= 3:
                    yield front[: -len(suffix)]

    def _closest(self, word: str) -> str | None:
        bare = strip_article(word)
        if len(bare) < MIN_FUZZY_LENGTH or bare.isdigit():
            return None
        found = process.extractOne(bare, self._choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        return self._spellings[found[0]] if found else None
