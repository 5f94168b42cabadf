"""Actors from the text itself: who does what in each sentence.

One pass over an article finds its actors, then each event takes those of its sentence:
- the site's own `actors.yaml` first (it wins, and gives context-free words such as
  "regime" or "rebels" a meaning; its monitors are claimants, never actors);
- well-known actors and their aliases (`resources/en/actors/known.yaml`), states by name
  and demonym (`countries.yaml`, with names and capitals from GeoNames), and acronyms the
  article defines ("Rapid Support Forces (RSF)");
- a state's forces: "Azerbaijani police" as written, "the army" as the army of the
  article's country; collective actors ("protesters") with that country;
- capitalised runs: organisations by their head word ("... Authority"), people by
  their title ("Gen. Kenneth McKenzie") or by the shape of a name, and later by their
  surname alone ("Fain said").
A place is an actor only when it acts ("Ankara insisted", "deployed by Moscow"); a news
outlet only when it acts too ("CNBC reported"), never when credited.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from .actor_lexicon import (DOMAIN, MAX_NGRAM, POSSESSIVE, Entry, Lexicon, Phrases, ResourceError,  # noqa: F401
                            Token, load_lexicon, phrase_key, tokens, word_key)
from .prefilter import finditer_at, folded

_ACRONYM = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Z0-9&-]{1,7}$")
# a word of a person's name: "Fain", "al-Assad", "Bankman-Fried", "Seong-yeol" (a Korean given name)
_NAME_WORD = re.compile(r"(?:(?:[a-z]{1,3}-)?[A-Z][a-zà-ÿ'’]+(?:-[A-Za-zà-ÿ][a-zà-ÿ'’]+)*|Mc[A-Z][a-z]+|[A-Z]\.|Jr\.|Sr\.|II|III)$")
_CONNECTORS = frozenset({"of", "for", "and", "the", "de", "del", "la", "du", "des", "da", "do", "wa", "al", "el", "bin", "ibn", "&"})
# after these a name is a place ("in Cabo Delgado"), not a person ("handed power to ...")
_WHERE = frozenset({"in", "near", "at", "inside", "into", "across", "throughout", "within", "around", "outside", "from",
                    "towards", "toward", "via"})
# a place named after these is where something happens, not who acts
_LOCATIVE = frozenset({"in", "near", "to", "at", "from", "inside", "across", "into", "on", "over", "throughout",
                       "within", "around", "outside", "of", "northern", "southern", "eastern", "western", "central",
                       "north", "south", "east", "west", "neighboring", "neighbouring"})


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str


@dataclass
class _Scan:
    """The state of one pass over an article."""
    lex: Lexicon
    text: str
    toks: list[Token]
    used: list[bool]
    focus: str = ""
    found: list[Mention] = field(default_factory=list)
    defined: dict = field(default_factory=dict)       # folded acronym -> name
    people: dict = field(default_factory=dict)        # folded surname -> full name
    last_group: str = ""                              # the armed group named last, so far
    breaks: list = field(default_factory=list)        # breaks[k]: phrase breaks among tokens 1..k
    words: list = field(default_factory=list)         # words[k]: words in tokens 0..k-1 ("al-Qaeda" is two)
    firsts: list = field(default_factory=list)        # firsts[k]: the first word of token k
    persons: list = field(default_factory=list)       # (position, name) of each person named
    orgs: list = field(default_factory=list)          # (position, kinds it may be called, its head word, name)
    site_names: dict = field(default_factory=dict)    # folded alias in the site's actors.yaml -> its actor
    named: dict = field(default_factory=dict)         # folded full name the article gives an acronym -> both
    acronyms: list = field(default_factory=list)      # indexes in found of acronyms the article does not define
    last_of: dict = field(default_factory=dict)       # noun -> the actor last named with it ("separatists")
    pending: list = field(default_factory=list)       # (index in found, title, position): "Kazakhstan's president"
    agent_end: int = -1                               # the token after the last state taken as agent
    titled: list = field(default_factory=list)        # (position, folded title, name)
    title_at: dict = field(default_factory=dict)      # token opening a name -> the title written before it
    crafts: dict = field(default_factory=dict)        # folded name of a craft -> its name as first written
    craft_forms: dict = field(default_factory=dict)   # that name -> how often each spelling of it is written
    owners: list = field(default_factory=list)        # (folded series of a craft, token of its owner's possessive)

    def take(self, i: int, j: int, name: str, noun: str = "") -> None:
        """Tokens i..j-1 name `name` (none if empty): as the site calls it, when its actors.yaml
        has that name as an alias ("Syrian army"); `noun` ("separatists") refers to it later."""
        for k in range(i, j):
            self.used[k] = True
        if name:
            k = phrase_key(name)
            name = self.site_names.get(k) or self.named.get(k, name)
            self.found.append(Mention(self.toks[i].start, self.toks[j - 1].end, name))
            if noun:
                self.last_of[noun] = name

    def key(self, i: int, j: int) -> str:
        return self.toks[i].key if j == i + 1 else " ".join([t.key for t in self.toks[i:j]])

    def glued(self, i: int, j: int) -> bool:
        """Tokens i..j-1 are one phrase: no punctuation between them."""
        return self.breaks[j - 1] == self.breaks[i]

    def ends(self, i: int, table: Phrases, most: int = MAX_NGRAM) -> list[int]:
        """Where a phrase of `table` starting at token i may end, longest first: the ends j
        within `most` tokens where tokens i..j-1 hold as many words as some phrase of it
        starting with that word (so that only those spans are looked up)."""
        sizes = table.sizes.get(self.firsts[i])
        if not sizes:
            return []
        words, top = self.words, max(sizes)
        out = []
        for j in range(i + 1, min(len(self.toks), i + most) + 1):
            n = words[j] - words[i]
            if n > top:
                break
            if n in sizes:
                out.append(j)
        out.reverse()
        return out


def _bare(t: Token) -> str:
    """A token's text without its possessive: "TPLF's" is "TPLF"."""
    return POSSESSIVE.sub("", t.text) if t.possessive else t.text


def _acts(scan: _Scan, j: int) -> bool:
    """The words after token j-1 make what it names act: a verb follows ("Ankara insisted")."""
    toks = scan.toks
    k = j
    while k < len(toks) and k < j + 2 and toks[k].key.endswith("ly") and toks[k].glued:
        k += 1                                   # "Moscow quickly denied"
    if k >= len(toks) or not toks[k].glued:
        return False
    w = toks[k].key
    return w in scan.lex.acts or (w.endswith("ed") and not toks[k].cap and len(w) > 3)


def _agent(scan: _Scan, i: int) -> bool:
    """ "deployed by Moscow", "talks between Armenia and Azerbaijan" """
    return i > 0 and scan.toks[i - 1].key in ("by", "between")


def _locative(scan: _Scan, i: int) -> bool:
    return i > 0 and scan.toks[i - 1].key in _LOCATIVE and not scan.toks[i - 1].cap


def _phrase_at(scan: _Scan, i: int, table: Phrases, max_words: int = 4, joined: bool = False) -> int:
    """The end of the longest phrase of `table` starting at token i (lower-case words), or i;
    joined: only if it follows the token before with no punctuation between."""
    if joined and (i >= len(scan.toks) or not scan.toks[i].glued):
        return i
    for j in scan.ends(i, table, max_words):
        if scan.glued(i, j) and not any(scan.used[i:j]) and scan.key(i, j) in table:
            return j
    return i


def _countries_named(scan: _Scan, lead: int = 600) -> Counter:
    """How often each state is named, by name, capital or demonym; a naming in the first
    `lead` characters (headline, lede) counts thrice, as teasers of other stories come last."""
    c: Counter = Counter()
    for i, t in enumerate(scan.toks):
        for j in scan.ends(i, scan.lex.phrases, 4):
            e = scan.lex.phrases.get(scan.key(i, j))
            if e and e.country and (t.cap or not e.exact) and scan.glued(i, j):
                c[e.country] += 3 if t.start < lead else 1
                break
    return c


def focus_country(scan: _Scan) -> str:
    """Stand-in for the places module's focus: the state named most (first named on a tie)."""
    counts = _countries_named(scan)
    return max(counts, key=lambda c: counts[c]) if counts else ""


def _site(scan: _Scan, site) -> None:
    """The site's actors.yaml: its names win, the longest first ("Turkish-backed forces" over
    "Turkish"), two in one word too ("Russian-Turkish patrols"); a monitor is consumed but
    named nowhere."""
    ends = [t.end for t in scan.toks]
    lower = scan.text.lower()      # an actor none of whose aliases occurs is not searched for
    low = folded(scan.text)        # else only where one of them is written
    found = sorted(((m.start(), m.end(), actor) for actor, rx in site
                    if any(a.lower() in lower for a in actor.aliases)
                    for m in finditer_at(rx, actor.aliases, scan.text, low)),
                   key=lambda f: (f[0] - f[1], f[0]))
    claimed: list[tuple[int, int]] = []
    scan.site_names = {phrase_key(a): actor.name for actor, _ in site if not actor.monitor for a in actor.aliases}
    for start, stop, actor in found:
        if any(a < stop and start < b for a, b in claimed):
            continue
        i = j = bisect.bisect_right(ends, start)
        while j < len(scan.toks) and scan.toks[j].start < stop:
            j += 1
        if j == i or any(scan.used[k] and not any(a < scan.toks[k].end and scan.toks[k].start < b for a, b in claimed)
                         for k in range(i, j)) or _qualified_group(scan, i, j):
            continue
        claimed.append((start, stop))
        for k in range(i, j):
            scan.used[k] = True
        if not actor.monitor:
            scan.found.append(Mention(start, stop, actor.name))


def _qualified_group(scan: _Scan, i: int, j: int) -> bool:
    """A site's group noun the text qualifies ("Suspected Islamist insurgents" where the site
    calls insurgents "Rebels"): the longer reading is the text's own, as with the site's aliases."""
    toks, lex = scan.toks, scan.lex
    return j == i + 1 and i > 0 and toks[i].glued and not toks[i].cap and toks[i].key in lex.groups \
        and toks[i - 1].key in lex.qualifiers


def _defined_acronyms(scan: _Scan) -> None:
    """ "Rapid Support Forces (RSF)": the acronym names what precedes it, in this article."""
    text, toks = scan.text, scan.toks
    for i, t in enumerate(toks):
        if not (text[t.end:t.end + 1] == ")" and text[t.start - 1:t.start] == "(" and _ACRONYM.match(t.text)):
            continue
        j = i
        while j > 0 and (toks[j - 1].cap or toks[j - 1].key in _CONNECTORS) and \
                (j == i or toks[j].glued) and i - j < MAX_NGRAM:
            j -= 1
        words = [k for k in range(j, i) if toks[k].cap]
        start = next((k for k in words if toks[k].text[0] == t.text[0]), None)
        if start is None or i - start < 2 and len(t.text) > 2:
            continue
        full = _bare_end(scan, start, i).strip()        # "... Organisation's (ISRO)": without the possessive
        # known by its full name or its acronym ("... in Iraq and Syria (ISIS)"), or named by the site
        known = next((e for e in (scan.lex.phrases.get(scan.key(start, i)), scan.lex.phrases.get(t.key))
                      if e and e.kind not in ("adj", "seat", "state")), None)
        if known or phrase_key(full) in scan.site_names:
            scan.defined[t.key] = known.name if known else scan.site_names[phrase_key(full)]
        else:       # shown with its acronym, whichever of the two the text uses later
            scan.defined[t.key] = scan.named[phrase_key(full)] = f"{full} ({_bare(t)})"


def _known(scan: _Scan, i: int) -> int:
    """A known actor, state, defined acronym or demonym phrase at token i; the index after it."""
    lex, toks = scan.lex, scan.toks
    if toks[i].key in scan.defined and _bare(toks[i]).isupper():
        scan.take(i, i + 1, scan.defined[toks[i].key])
        return i + 1
    for j in scan.ends(i, lex.phrases):
        if any(scan.used[i:j]) or not scan.glued(i, j):
            continue
        k = scan.key(i, j)
        e = lex.phrases.get(k)
        if e is None:
            continue
        first = toks[i].text
        if e.exact and not re.sub(r"[.\-\d\s]", "", DOMAIN.sub("", _bare_end(scan, i, j))).isupper():
            continue
        if not first[0].isupper() and not first.lower().startswith(("al-", "el-")):
            continue                                        # "a total of", "the fed up"
        if j == i + 1 and e.kind not in ("state", "seat", "adj") and not first.isupper() and _in_name(scan, i):
            continue                                        # "Harrison Ford" is no carmaker
        if e.kind == "adj":
            return _demonym(scan, i, j, e)
        if e.kind in ("state", "seat"):
            return _state(scan, i, j, e)
        if e.kind == "media" and not _acts(scan, j):
            scan.take(i, j, "")                             # credited, not acting
            return j
        scan.take(i, j, e.name, e.name.split()[-1].lower() if e.kind == "organisation" else "")
        if e.kind == "armed group":
            scan.last_group = e.name
        else:
            _org(scan, i, e.name, e.kind == "company")
        return j
    return i


def _force_or_state(scan: _Scan, i: int, j: int, e: Entry) -> int:
    """After a state's demonym or name: its forces ("Russian forces", "Azerbaijani police
    officers", "Pakistan's army") or the state itself ("Turkish drones", "Kazakhstan's
    government"); the index after them, or i."""
    lex = scan.lex
    end = _phrase_at(scan, j, lex.forces, joined=True)
    if end > j:
        force = lex.forces[scan.key(j, end)]
        scan.take(i, end, _organ(lex, e.country, force), force)
        return end
    end = _organ_end(scan, j)
    if end > j and end < len(scan.toks) and scan.toks[end].glued and scan.toks[end].cap:
        scan.take(i, end, "")   # "Syrian news agency SANA", "Japan's space agency JAXA": the name follows
        return end
    if end > j:             # "Indonesia's disaster agency": an organ of the state, by what it does
        words = " ".join(t.text.lower() for t in scan.toks[j:end])
        scan.take(i, end, _organ(lex, e.country, words))
        _org(scan, i, scan.found[-1].name)
        return end
    end = _phrase_at(scan, j, lex.state_nouns, 3, joined=True)
    if end > j and lex.state_nouns[scan.key(j, end)] != "organ":
        noun = scan.key(j, end)
        toks = scan.toks
        if noun in lex.titles and end < len(toks) and toks[end].glued and toks[end].cap and not scan.used[end]:
            scan.take(i, end, "")       # "former Brazilian President Jair Bolsonaro": the name's title
            scan.title_at[end] = _title_key(scan, i, noun)
            return end
        scan.take(i, end, _state_actor(scan, e.name, e.country, lex.state_nouns[noun]))
        if noun in lex.titles:      # the person the article gives that title, if it names one
            scan.pending.append((len(scan.found) - 1, noun, scan.toks[i].start))
        return end
    return i


def _organ_end(scan: _Scan, j: int) -> int:
    """The end of up to three lower-case words and a noun of a state's organ after token j-1
    ("disaster management agency", "meteorological department"), or j."""
    toks = scan.toks
    for k in range(j, min(j + 4, len(toks))):
        if not toks[k].glued or toks[k].cap or scan.used[k] or not toks[k].key.isalpha():
            return j
        if scan.lex.state_nouns.get(toks[k].key) == "organ":
            return k + 1 if k > j else j        # the noun alone ("Japan's agency") says not which
    return j


def _state_actor(scan: _Scan, state: str, code: str, what: str) -> str:
    """A state's organ by one name whatever the wording: "Colombian government", "Colombia's
    government" and "the government of Colombia" are all "Government of Colombia"; weapons are
    its military ("Turkish drones": "Turkish military")."""
    if what == "state":
        return state
    adj = scan.lex.adjectives.get(code)          # the site's name for "Syrian government", if it has one
    site = scan.site_names.get(phrase_key(f"{adj} {what}")) if adj and what == "government" else None
    return site or _organ(scan.lex, code, what)


def _organ(lex: Lexicon, code: str, noun: str) -> str:
    """One form per kind, so that a site has one page for each: the government is named like the
    state's other institutions ("Government of Colombia", as "Parliament of Peru", ACLED's form);
    forces, agencies and groups by the demonym, as news write them ("Colombian army"), or by the
    state's name where the lexicon has no demonym for it."""
    if noun == "government":
        return f"Government of {lex.countries.get(code, code)}"
    return f"{lex.adjectives.get(code) or lex.countries.get(code, code)} {noun}"


def _qualifiers_end(scan: _Scan, i: int) -> int:
    q = i
    while q < i + 3 and (nxt := _phrase_at(scan, q, scan.lex.qualifiers, 2, joined=q > i)) > q:
        q = nxt
    return q


_COMPANY_HEADS = frozenset({"inc", "corp", "company", "corporation", "group", "holdings", "motors", "airlines",
                            "airways", "bank", "bancorp", "ltd", "llc", "co", "partners"})


def _org(scan: _Scan, i: int, name: str, company: bool = False, also: frozenset = frozenset()) -> None:
    """Remember an organisation for "the bank", "the company" later; `also`: kinds the text
    gives it ("IAM 751, the machinists union")."""
    last = word_key(name.split()[-1]) if name.split() else ""
    kinds = {last} | also | ({"company"} if company or last in _COMPANY_HEADS else set())
    bisect.insort(scan.orgs, (scan.toks[i].start, frozenset(kinds), last, name), key=lambda o: o[0])


def _in_name(scan: _Scan, i: int) -> bool:
    """Token i ends a run of capitalised words that is longer than it ("Harrison Ford")."""
    toks, lex = scan.toks, scan.lex
    if i == 0 or not toks[i].glued:
        return False
    p = toks[i - 1]
    return p.cap and not p.possessive and not scan.used[i - 1] and p.key not in lex.not_names \
        and p.key not in lex.titles and p.key not in _CONNECTORS and not p.text.isupper() \
        and not (lex.phrases.get(p.key) and lex.phrases[p.key].kind in ("adj", "state"))


def _demonym(scan: _Scan, i: int, j: int, e: Entry) -> int:
    """ "Russian forces", "Turkish drones", "Armenian separatists"; "an Iranian woman" is nobody """
    end = _force_or_state(scan, i, j, e)
    if end > i:
        return end
    q = _qualifiers_end(scan, j) if j < len(scan.toks) and scan.toks[j].glued else j
    end = _phrase_at(scan, q, scan.lex.groups, 2, joined=True)
    if end > q:
        noun = scan.key(q, end)
        # "Syrian Islamist insurgents": a qualifier keeps its capital, the noun is lower-case
        words = " ".join(t.text if t.cap and t.key in scan.lex.qualifiers else t.text.lower() for t in scan.toks[j:end])
        scan.take(i, end, _organ(scan.lex, e.country, words), scan.lex.same.get(noun, noun))
        return end
    return i


def _state(scan: _Scan, i: int, j: int, e: Entry) -> int:
    """A state by its name or seat: an actor when it acts, is the agent, or has forces or a
    government ("Kazakhstan's government"); else a place, left to the places module."""
    end = _force_or_state(scan, i, j, e)
    if end > i:
        return end
    if _agent(scan, i) or (i >= 2 and scan.toks[i - 1].key == "and" and scan.agent_end == i - 1):
        scan.take(i, j, e.name)                  # "deployed by Moscow", "between Armenia and Azerbaijan"
        scan.agent_end = j
        return j
    if _acts(scan, j) and not _locative(scan, i):
        scan.take(i, j, e.name)
        return j
    return i


def _forces_and_groups(scan: _Scan, i: int) -> int:
    """ "the army" (of the article's country), "protesters", "Islamist militants" """
    lex, toks = scan.lex, scan.toks
    end = _phrase_at(scan, i, lex.forces)
    if end > i:
        k = scan.key(i, end)
        # "Russian military police" where the site named "Russian": whose force it is, is said
        if i > 0 and scan.used[i - 1] and toks[i].glued:
            scan.take(i, end, "")
            return end
        if i > 0 and toks[i - 1].key in ("its", "their") and toks[i].glued:
            return i                                    # "its armed forces": whose, the sentence says, not the country
        if k in lex.domestic and scan.focus in lex.countries:
            scan.take(i, end, _organ(lex, scan.focus, lex.forces[k]), lex.forces[k])
            return end
        if lex.forces[k] in scan.last_of and lex.forces[k] != "military" and _refers_back(scan, i):
            scan.take(i, end, scan.last_of[lex.forces[k]])      # "peacekeepers" after "UN peacekeepers"
            return end
        return i
    if toks[i].key in lex.definite_government and i > 0 and toks[i - 1].key == "the" and toks[i].glued:
        return _definite_government(scan, i)
    if toks[i].key == "ministry" and i > 1 and toks[i - 2].key == "the" and not toks[i - 1].cap \
            and toks[i].glued and scan.focus in lex.countries:
        # "said the communications ministry": the ministry of the article's country
        scan.take(i - 1, i + 1, _organ(lex, scan.focus, f"{toks[i - 1].key} ministry"))
        return i + 1
    q = _qualifiers_end(scan, i)
    end = _phrase_at(scan, q, lex.groups, 2, joined=q > i)
    if end == q:
        end = _phrase_at(scan, q, lex.implied, 1, joined=q > i)
        if end == q:
            return i
        noun = lex.implied[scan.key(q, end)]            # "the demonstrations began": protesters
        where = lex.countries.get(scan.focus)
        scan.take(i, end, noun[0].upper() + noun[1:] + (f" ({where})" if where else ""))
        return end
    noun = scan.key(q, end)
    if scan.last_group and noun in lex.anaphora and _definite(scan, i):
        scan.take(i, end, scan.last_group)               # "the jihadist group claimed ..."
        return end
    same = lex.same.get(noun, noun)
    if q == i and noun not in lex.bare_groups:
        if same in scan.last_of and _refers_back(scan, i):    # "separatists" after "Armenian separatists"
            scan.take(i, end, scan.last_of[same])
            return end
        return i
    words = " ".join(t.key for t in toks[i:q]) + (" " if q > i else "") + same
    where = lex.countries.get(scan.focus)
    scan.take(i, end, words[0].upper() + words[1:] + (f" ({where})" if where else ""), same)
    return end


def _refers_back(scan: _Scan, i: int) -> bool:
    """The noun at i has no modifier of its own ("from separatists", not "Islamic State fighters")."""
    return i == 0 or not scan.toks[i].glued or scan.toks[i - 1].key in scan.lex.refer_after


def _definite_government(scan: _Scan, i: int) -> int:
    """ "the government": of the state named after "of", else of the article's country."""
    lex, toks = scan.lex, scan.toks
    if i + 2 < len(toks) and toks[i + 1].key == "of" and toks[i + 2].glued:
        for j in scan.ends(i + 2, lex.phrases, 4):
            e = lex.phrases.get(scan.key(i + 2, j))
            if e and e.kind == "state" and toks[i + 2].cap and not any(scan.used[i + 2:j]):
                scan.take(i, j, _state_actor(scan, e.name, e.country, "government"))
                return j
    if scan.focus in lex.countries:
        scan.take(i, i + 1, _state_actor(scan, lex.countries[scan.focus], scan.focus, "government"))
        return i + 1
    return i


def _definite(scan: _Scan, i: int) -> bool:
    """ "the group", "the Al-Qaeda-linked jihadist group" """
    toks = scan.toks
    k = i - 1
    if k >= 0 and "-" in toks[k].text and toks[k].glued:
        k -= 1
    return k >= 0 and toks[k].key == "the"


def _run_end(scan: _Scan, i: int) -> int:
    """The end of the run of capitalised words (with inner connectors) starting at i."""
    toks, lex = scan.toks, scan.lex
    j = i + 1
    while j < len(toks) and toks[j].glued and not toks[j - 1].possessive and not scan.used[j] \
            and toks[j].key not in lex.not_names:
        if toks[j].cap:
            j += 1
        elif toks[j].key in _CONNECTORS and j + 1 < len(toks) and toks[j + 1].cap and toks[j + 1].glued:
            j += 1
        else:
            break
    return j


# "former president", "the late prime minister": a title of its own, kept apart from the holder's
_TITLE_MODIFIERS = frozenset({"former", "late", "ex", "then"})


def _title_key(scan: _Scan, k: int, title: str) -> str:
    """The title written from token k, with the modifier before it ("former president")."""
    before = scan.toks[k - 1].key if k > 0 else ""
    return f"{before} {title}" if before in _TITLE_MODIFIERS else title


def _title_end(scan: _Scan, i: int, j: int) -> int:
    """The end of the longest title starting at token i, inside i..j."""
    return next((k for k in scan.ends(i, scan.lex.titles, min(4, j - i)) if scan.key(i, k) in scan.lex.titles), i)


def _name_like(scan: _Scan, i: int, j: int) -> bool:
    toks, lex = scan.toks, scan.lex
    if toks[i].initial and toks[i].key.endswith(("ed", "ing", "ly")):
        return False                                    # "Suspected Islamist ...", "Breaking News"
    inner = range(i + 1, j - 1)                         # "Lula da Silva": a particle inside a name
    if any(toks[k].key in lex.qualifiers or (toks[k].key in _CONNECTORS and not (k in inner and toks[k].key in
                                                                              lex.particles)) for k in range(i, j)):
        return False                                    # "Islamist Militants", "Dire Need Of Care"
    if any((e := lex.phrases.get(scan.key(a, b))) and e.kind in ("adj", "state")
           for a in range(i, j) for b in range(a + 1, min(j, a + 3) + 1)):
        return False                                    # "Sri Lankan", "South Africa Peace Process"
    if any(" " in toks[k].key and (e := lex.phrases.get(scan.firsts[k])) and e.kind in ("adj", "state")
           for k in range(i, j)):
        return False                                    # "Azerbaijani-controlled Shusha"
    return all(_NAME_WORD.match(_bare(toks[k])) or (k in inner and toks[k].key in lex.particles) for k in range(i, j)) \
        and not _has_feature(scan, i, j) and not any(toks[k].key in scan.lex.heads for k in range(i, j))


def _has_feature(scan: _Scan, i: int, j: int) -> bool:
    """A word of places or things is in the run i..j, where it would be one ("Imran Khan" and
    "Bill Ackman" are people, "Khan Shaykhun" and "the Finance Bill" are not)."""
    at = scan.lex.features_at
    return any(scan.toks[k].key in scan.lex.features or
               at.get(scan.toks[k].key) == ("first" if k == i else "last" if k == j - 1 else "")
               for k in range(i, j))


def _place_of(scan: _Scan, i: int, j: int) -> bool:
    """ "the town of Maaret al-Numan", "the governorates of Rif Dimashq", "the Norte de
    Santander province": the run i..j is a place."""
    toks, features = scan.toks, scan.lex.features
    if j < len(toks) and toks[j].glued and not toks[j].cap and toks[j].key in features:
        return True
    return i > 1 and toks[i - 1].key == "of" and (toks[i - 2].key in features or toks[i - 2].key.rstrip("s") in features)


def _supporters(scan: _Scan, i: int, j: int, name: str) -> None:
    """ "Bolsonaro supporters", "supporters of former President Jair Bolsonaro": a group of its own."""
    toks = scan.toks
    if j < len(toks) and toks[j].key in ("supporters", "loyalists", "followers") and toks[j].glued:
        scan.take(j, j + 1, f"{name} {toks[j].key}")
        return
    for k in range(i - 1, max(-1, i - 6), -1):
        if toks[k].key == "of" and k > 0 and toks[k - 1].key in ("supporters", "loyalists", "followers"):
            scan.found.append(Mention(toks[k - 1].start, toks[k - 1].end, f"{name} {toks[k - 1].key}"))
            return
        if not toks[k].glued and k < i - 1:
            return


def _headline_case(scan: _Scan, i: int, j: int) -> bool:
    """Title case around the run, as in a headline glued to the text: most words nearby
    capitalised, or a function word capitalised next to the run ("... Women In Dire Need")."""
    toks, lex = scan.toks, scan.lex
    window = [t for t in toks[max(0, i - 5):j + 5] if t.text[0].isalpha()]
    if len(window) >= 8 and sum(t.cap for t in window) >= 0.8 * len(window):
        return True                                     # "28 Terrorists Killed in Idleb Syrian Army Regains"
    near = [k for k in (i - 1, j) if 0 <= k < len(toks) and toks[k].glued and toks[k].cap and not toks[k].initial]
    return any((toks[k].key in lex.not_names and toks[k].key not in lex.titles) or toks[k].key in _CONNECTORS
               for k in near)                           # "Acme CEO John Ackman": a title is no headline word


def _person(scan: _Scan, i: int, j: int) -> None:
    name = scan.text[scan.toks[i].start:scan.toks[j - 1].end]
    name = POSSESSIVE.sub("", name) if scan.toks[j - 1].possessive else name
    scan.take(i, j, name)
    _supporters(scan, i, j, name)
    scan.persons.append((scan.toks[i].start, name))
    if i in scan.title_at:
        scan.titled.append((scan.toks[i].start, scan.title_at[i], name))
    last = next((scan.toks[k].key for k in range(j - 1, i - 1, -1) if scan.toks[k].key not in ("jr", "sr", "ii", "iii")), "")
    if last and j - i > 1:
        scan.people.setdefault(last, name)


def _run(scan: _Scan, i: int, j: int, places) -> None:
    """Classify the capitalised run i..j: a title and a person, an organisation, an acronym,
    a surname seen before, or a name."""
    lex, toks = scan.lex, scan.toks
    while i < j and (toks[i].key in lex.not_names or toks[i].key in _CONNECTORS):
        i += 1
    while j > i and toks[j - 1].key in _CONNECTORS:
        j -= 1
    if i >= j:
        return
    for t in range(i, j):                                   # "UAW President Shawn Fain"
        te = _title_end(scan, t, j)
        if te > t and te < j and _name_like(scan, te, j):
            if t > i:
                _run(scan, i, t, places)
            scan.used[t:te] = [True] * (te - t)
            if j - te == 1 and j < len(toks) and scan.used[j] and scan.text[toks[te].end:toks[j].start] in (" ", "-"):
                return                                   # "President Bashar Assad" named by the site
            if j - te == 1 and toks[te].key in scan.people:
                scan.take(te, j, scan.people[toks[te].key])
                scan.persons.append((toks[te].start, scan.people[toks[te].key]))
            else:
                _person(scan, te, j)
            scan.titled.append((toks[t].start, _title_key(scan, t, scan.key(t, te)), scan.persons[-1][1]))
            return
    if scan.key(i, j) in lex.institutions and lex.countries.get(scan.focus):
        name = POSSESSIVE.sub("", scan.text[toks[i].start:toks[j - 1].end])
        scan.take(i, j, f"{name} of {lex.countries[scan.focus]}")      # "Parliament of Peru"
        return
    heads = [k for k in range(i, j) if toks[k].key in lex.heads and (k == j - 1 or toks[k + 1].key == "of")]
    if heads:   # "Shares of Northfield Bank": the organisation starts after an "of" before its head
        i = max([k + 1 for k in range(i, heads[0]) if toks[k].key == "of"], default=i)
    if not heads and j - i > 2 and toks[i].initial and toks[i + 1].key == "of" and toks[i].key not in lex.titles:
        _run(scan, i + 2, j, places)            # "Members of IAM 751": a common noun opening the sentence
        return
    if heads:       # "LEA Primary and Secondary School": "and" cut the run, the head says it is one name
        while i > 1 and toks[i - 1].key == "and" and not toks[i - 1].cap and toks[i].glued and toks[i - 1].glued \
                and toks[i - 2].cap and not scan.used[i - 2] and not toks[i - 2].possessive:
            a = i - 2
            while a > 0 and toks[a].glued and toks[a - 1].cap and not scan.used[a - 1] \
                    and toks[a - 1].key not in lex.not_names and not toks[a - 1].possessive:
                a -= 1
            if _has_feature(scan, a, i - 1) or any(toks[k].key in lex.heads for k in range(a, i - 1)):
                break                               # "the President's House and Presidential Secretariat": two
            i = a
    if heads and j - i > 1:
        name = scan.text[toks[i].start:toks[j - 1].end]
        name = POSSESSIVE.sub("", name) if toks[j - 1].possessive else name
        scan.take(i, j, name)
        _org(scan, i, name)
        return
    if _has_feature(scan, i, j):
        end = _phrase_at(scan, j, lex.state_nouns, 2, joined=True)
        if end > j and lex.state_nouns[scan.key(j, end)] == "government" and j - i > 1:
            scan.take(i, end, scan.text[toks[i].start:toks[j - 1].end])   # "Maui County officials", not "City officials"
        return
    if j - i == 1:
        t = toks[i]
        if t.key in scan.people:
            scan.take(i, j, scan.people[t.key])
            scan.persons.append((t.start, scan.people[t.key]))
        elif _ACRONYM.match(_bare(t)) and t.key not in lex.not_names and scan.text[t.end:t.end + 1] != ":" \
                and not (t.initial and scan.text[t.end:t.end + 2].strip()[:1] in (",", "(", "—", "–", "-")) \
                and not (places is not None and places.find(t.text.title())) \
                and not (i + 1 < len(toks) and toks[i + 1].text.isupper() and toks[i + 1].glued) \
                and not (i > 0 and toks[i - 1].text.isupper() and t.glued):
            scan.take(i, j, _bare(t))                   # "the TPLF's offensive": the TPLF
            scan.acronyms.append(len(scan.found) - 1)
        elif i > 0 and scan.key(max(0, i - 2), i) in lex.titles or (i > 0 and toks[i - 1].key in lex.titles):
            scan.take(i, j, t.text)                     # "president Putin"
        return
    if _title_end(scan, i, j) == j:
        return                                           # "the Prime Minister's residence": nobody named
    if j - i <= 4 and _name_like(scan, i, j) and not toks[i].text.isupper() \
            and not (i > 0 and toks[i - 1].key in _WHERE) and not _place_of(scan, i, j) \
            and not (i > 0 and toks[i - 1].key == "the" and not _group_name(scan, i, j)) \
            and not _headline_case(scan, i, j):
        phrase = scan.text[toks[i].start:toks[j - 1].end]
        if places is not None and any(s == 0 and e == len(phrase) for _, s, e in places.find(phrase)):
            return                                       # a place named in full
        if any(toks[k].key in scan.lex.particles for k in range(i, j)) and _gazetteer_has(_bare_end(scan, i, j)):
            return                                       # "Rio de Janeiro's governor": a place, not a person
        _person(scan, i, j)


def _group_name(scan: _Scan, i: int, j: int) -> bool:
    """A name after "the" is no person (no one writes "the Shawn Fain"): a group when it ends in
    a plural ("the White Helmets", "the Local Coordination Committees") or a group noun follows
    ("the Ahrar al-Sham militant group"), else a place or a thing ("the Jamiyat al Zahra")."""
    toks = scan.toks
    last = toks[j - 1].key
    if last.endswith("s") and not last.endswith(("ss", "us", "is")) and not toks[j - 1].possessive:
        return True
    return any(toks[k].glued and not toks[k].cap and toks[k].key in scan.lex.anaphora
               for k in range(j, min(j + 2, len(toks))))


def _bare_end(scan: _Scan, i: int, j: int) -> str:
    """The text of tokens i..j-1 without a final possessive."""
    return scan.text[scan.toks[i].start:scan.toks[j - 1].start] + _bare(scan.toks[j - 1])


def _gazetteer_has(phrase: str) -> bool:
    """The worldwide gazetteer knows a place of that name. Asked only of names with a particle:
    many people share a full name with a town ("Benito Juárez"), few with "de" or "al" do."""
    from ..geoindex import default_index, key
    return bool(default_index().lookup(key(phrase)))


def _name_word(scan: _Scan, k: int) -> bool:
    """Token k may be part of a craft's name: capitalised or a number, unused, and no state."""
    t = scan.toks[k]
    if scan.used[k] or t.key in scan.lex.not_names or t.key in scan.lex.bodies or not (t.cap or t.key[-1:].isdigit()):
        return False
    e = scan.lex.phrases.get(t.key)
    return not (e and e.kind in ("adj", "state", "seat"))


def _series(key: str) -> str:
    """ "chandrayaan 3" -> "chandrayaan": the craft of a series share the name before the number."""
    words = key.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1].isdigit() else key


def _craft_names(scan: _Scan, n: int) -> list[tuple[int, int]]:
    """The names that may be written with the craft noun at token n, as tokens (a, b): before
    it ("Vikram lander", "Chandrayaan-3 lunar mission"), then after it ("mission Chandrayaan-3",
    "lander 'Vikram'")."""
    toks, text = scan.toks, scan.text
    out = []
    end = n
    if n > 1 and toks[n].glued and not toks[n - 1].cap and toks[n - 1].key.isalpha() and _name_word(scan, n - 2) \
            and toks[n - 1].glued and not toks[n - 2].possessive:
        end = n - 1                                     # one modifier: "Chandrayaan-3 lunar mission"
    a = end
    while a > 0 and toks[a].glued and _name_word(scan, a - 1) and not toks[a - 1].possessive:
        a -= 1
    if a < end and toks[a].cap and (end == n or any(c.isdigit() for c in text[toks[a].start:toks[end - 1].end])):
        out.append((a, end))
    b = n + 1
    if b < len(toks) and text[toks[n].end:toks[b].start].strip() in ("", "'", "‘", "\"", "“", "(") \
            and toks[b].cap and _name_word(scan, b):
        while b < len(toks) and _name_word(scan, b) and (b == n + 1 or (toks[b].glued and not toks[b - 1].possessive)):
            b += 1
        out.append((n + 1, b))
    return out


def _owner(scan: _Scan, n: int) -> int:
    """The token of the possessive that owns the craft noun at n ("ISRO's third Moon mission",
    "India's heavy lift rocket"): up to three modifiers back, over a bracketed acronym; or -1."""
    toks, text = scan.toks, scan.text
    for k in range(n - 1, max(-1, n - 5), -1):
        if text[toks[k].end:toks[k + 1].start].strip(" ()"):
            return -1
        if toks[k].possessive:
            return k
    return -1


def _crafts(scan: _Scan) -> None:
    """Named craft ("Vikram lander", "the rocket LVM3"), then every later mention of one and of
    its series ("Chandrayaan-2" after "Chandrayaan-3"); their owners are resolved at the end."""
    toks, lex = scan.toks, scan.lex
    for n, t in enumerate(toks):
        kind = lex.crafts.get(t.key)
        if not kind or t.cap or scan.used[n]:
            continue
        # a numbered noun takes a name without a number when an owner's possessive comes first
        # ("SpaceX's Starship rocket"): weapons are not written so ("a Katyusha rocket")
        names = [(a, b) for a, b in _craft_names(scan, n)
                 if kind == "named" or any(c.isdigit() for c in scan.text[toks[a].start:toks[b - 1].end])
                 or (b <= n and a > 0 and toks[a - 1].possessive and toks[a].glued)]
        if not names:
            continue
        a, b = names[0]
        p = a - 1 if b <= n and a > 0 and toks[a - 1].possessive and toks[a].glued else _owner(scan, n)
        _craft(scan, a, b)
        if p >= 0:
            q = p                                   # an unknown numbered owner is a craft: "Chandrayaan 3's Vikram lander"
            while q > 0 and toks[q].glued and _name_word(scan, q - 1) and not toks[q - 1].possessive:
                q -= 1
            if q <= p and _name_word(scan, p) and toks[q].cap and any(c.isdigit() for c in _bare_end(scan, q, p + 1)):
                _craft(scan, q, p + 1)
            scan.owners.append((_series(scan.key(a, b)), p))
    if not scan.crafts:
        return
    series = {_series(k) for k in scan.crafts}
    for i, t in enumerate(toks):
        if scan.used[i] or not t.cap:
            continue
        for j in (i + 2, i + 1):                    # "Chandrayaan 3", "Chandrayaan-3", "Vikram"
            if j > len(toks) or (j == i + 2 and not toks[i + 1].glued) or \
                    (j < len(toks) and toks[j].glued and toks[j].cap and not toks[j - 1].possessive):
                continue
            k = scan.key(i, j)
            if k in scan.crafts or _series(k) in series:
                _craft(scan, i, j)
                break


def _craft(scan: _Scan, a: int, b: int) -> None:
    k = scan.key(a, b)
    name = scan.crafts.setdefault(k, _bare_end(scan, a, b))
    scan.take(a, b, name)
    scan.craft_forms.setdefault(name, Counter())[_bare_end(scan, a, b)] += 1


def _craft_spelling(scan: _Scan) -> None:
    """A craft is shown as the article writes it most ("Chandrayaan-3", not the one "Chandrayaan 3"),
    so that articles that spell it alike share its page."""
    names = {name: forms.most_common(1)[0][0] for name, forms in scan.craft_forms.items()}
    if any(a != b for a, b in names.items()):
        scan.found = [Mention(m.start, m.end, names.get(m.name, m.name)) for m in scan.found]


def _sides(scan: _Scan) -> None:
    """ "the two sides", "both parties": the two actors last named as a pair ("TPLF, Ethiopian
    Gov't reach deal", "talks between Armenia and Azerbaijan")."""
    toks, text = scan.toks, scan.text
    last = scan.lex.sides_last
    at = [k for k in range(1, len(toks)) if toks[k].key in last and scan.key(k - 1, k + 1) in scan.lex.sides
          and not scan.used[k]]
    if not at:
        return
    found = sorted(scan.found, key=lambda m: m.start)
    pairs = [(b.start, a.name, b.name) for a, b in zip(found, found[1:])
             if a.name != b.name and a.end < b.start and text[a.end:b.start].lower() in (", ", " and ", " and the ", ", the ")]
    for k in at:
        before = [p for p in pairs if p[0] < toks[k - 1].start]
        if before:
            for name in before[-1][1:]:
                scan.found.append(Mention(toks[k - 1].start, toks[k].end, name))
            scan.used[k - 1:k + 1] = [True, True]


def _owners(scan: _Scan) -> None:
    """A craft's owner acts with it: every mention of "Chandrayaan-3" names ISRO too, when the
    article wrote "ISRO's mission Chandrayaan-3"; the owner of one craft of a series owns all."""
    if not scan.owners:
        return
    by_series: dict = {}
    for series, p in scan.owners:
        at = [scan.toks[p].start]
        if p + 1 < len(scan.toks) and scan.text[scan.toks[p].end:scan.toks[p + 1].start].strip() == "(":
            at.append(scan.toks[p + 1].start)       # "Organisation's (ISRO)"
        owner = next((m.name for m in scan.found for x in at if m.start <= x < m.end), "")
        if owner:
            by_series.setdefault(series, owner)
    crafts = {name: _series(k) for k, name in scan.crafts.items()}
    for m in list(scan.found):
        owner, seen = by_series.get(crafts.get(m.name, "\0")), {m.name}
        while owner and owner not in seen:          # the lander's craft's agency: Vikram, Chandrayaan-3, ISRO
            scan.found.append(Mention(m.start, m.end, owner))
            seen.add(owner)
            owner = by_series.get(crafts.get(owner, "\0"))


def _spelled_out(scan: _Scan) -> None:
    """An acronym the article uses but does not define is a name it spells out elsewhere
    whose capitalised words have those initials ("UAW" … "United Auto Workers")."""
    if not scan.acronyms:
        return
    full: dict[str, str] = {}
    for m in scan.found:
        words = m.name.split()
        if len(words) > 1:
            full.setdefault("".join(w[0] for w in words if w[0].isupper()), m.name)
    for index in scan.acronyms:
        m = scan.found[index]
        if m.name in full:
            scan.found[index] = Mention(m.start, m.end, full[m.name])


def _nearest(found: list, pos: int) -> str:
    """The name of the last entry before pos, else of the first after it."""
    before = [f for f in found if f[0] < pos]
    pick = before[-1] if before else next((f for f in found if f[0] > pos), None)
    return pick[-1] if pick else ""


def _org_reference(scan: _Scan, i: int) -> None:
    """ "the bank said", "the cash-strapped company", "the Swiss bank's shares", "the energy
    company Total"; a plural after "the" or a possessive: all of them ("Detroit's three big
    automakers"), but a singular only after "the" ("Switzerland's biggest bank" may be any)."""
    toks, lex = scan.toks, scan.lex
    definite = toks[i].key == "the"
    for n in range(i + 1, min(len(toks), i + 4)):
        if scan.used[n] or not toks[n].glued:
            return
        kinds = lex.references.get(toks[n].key) if definite else None
        many = lex.plural_references.get(toks[n].key)
        if (kinds or many) and not toks[n].cap and not (n + 1 < len(toks) and toks[n + 1].key == "of"):
            if many:
                for name in dict.fromkeys(o[-1] for o in scan.orgs if o[1] & many):
                    scan.found.append(Mention(toks[i + 1].start, toks[n].end, name))
                scan.used[i + 1:n + 1] = [True] * (n - i)
            elif (end := _appositive(scan, n)) > n + 1:
                name = scan.text[toks[n + 1].start:toks[end - 1].end]
                scan.take(i + 1, end, name)
                _org(scan, n + 1, name, "company" in kinds)
            else:
                found = [o for o in scan.orgs if o[1] & kinds]
                # "the bank": not an organisation its name says is of another kind (a bank's
                # holding "... Group"); "the Swiss bank" says which
                fit = [o for o in found if o[2] in kinds or o[2] not in lex.heads] if n == i + 1 else []
                name = _nearest(fit or found, toks[i].start)
                if name:
                    scan.take(i + 1, n + 1, name)
            return
        e = lex.phrases.get(toks[n].key)
        if toks[n].cap and not (e and e.kind == "adj"):
            if definite:
                _named_before_noun(scan, i, n)
            return                                      # a modifier is lower-case or a demonym


def _named_before_noun(scan: _Scan, i: int, n: int) -> None:
    """ "the Teamsters union", "the Wagner company": the capitalised words between "the" and
    a noun of organisations name one of that kind."""
    toks, lex = scan.toks, scan.lex
    r = _run_end(scan, n)
    kinds = lex.references.get(toks[r].key) if r < len(toks) else None
    if not kinds or toks[r].cap or not toks[r].glued or scan.used[r] or any(scan.used[n:r]) \
            or toks[r - 1].possessive or (r + 1 < len(toks) and toks[r + 1].key == "of"):
        return
    name = scan.text[toks[n].start:toks[r - 1].end]
    named = next((o[-1] for o in scan.orgs if o[-1].startswith(name + " ")), None)   # "the Silicon Valley bank"
    scan.take(n, r + 1, named or name)
    if not named:
        _org(scan, n, name, "company" in kinds)


def _appositive(scan: _Scan, n: int) -> int:
    """The end of a name written right after the noun at n ("company Total"), or n + 1."""
    toks = scan.toks
    k = n + 1
    if k >= len(toks) or not toks[k].glued or not toks[k].cap or scan.used[k] or toks[k].key in scan.lex.not_names:
        return n + 1
    return _run_end(scan, k)


def _appositives(scan: _Scan) -> None:
    """ "IAM 751, the machinists union": a name followed by "the" and a noun of organisations is
    one of that kind, for "union leaders" or "the union" later."""
    toks, lex = scan.toks, scan.lex
    starts = [t.start for t in toks]
    for m in list(scan.found):
        k = bisect.bisect_left(starts, m.end)
        while k < len(toks) and toks[k].key.isdigit() and toks[k].glued:
            k += 1                                   # "IAM 751"
        if k == 0 or k + 1 >= len(toks) or scan.text[toks[k - 1].end:toks[k].start].strip() != "," \
                or toks[k].key != "the":
            continue
        for n in range(k + 1, min(k + 4, len(toks))):
            if not toks[n].glued or toks[n].cap:
                break
            if toks[n].key in lex.references and not (n + 1 < len(toks) and toks[n + 1].glued and not toks[n + 1].cap):
                _org(scan, bisect.bisect_left(starts, m.start), m.name, also=lex.references[toks[n].key])
                break


def _staff(scan: _Scan, i: int) -> bool:
    """ "union leaders", "bank executives": the people of the organisation of that kind named
    nearest (before, else after); takes them and says so."""
    toks, lex = scan.toks, scan.lex
    kinds = lex.references.get(toks[i].key)
    if not kinds or (toks[i].cap and not toks[i].initial) or i + 1 >= len(toks) or not toks[i + 1].glued or toks[i + 1].key not in lex.staff \
            or (i > 0 and toks[i - 1].key in ("a", "an") and toks[i].glued):
        return False
    name = _nearest([o for o in scan.orgs if o[1] & kinds], toks[i].start)
    if name:
        scan.take(i, i + 2, name)
    return bool(name)


def _references(scan: _Scan) -> None:
    """ "the president issued a decree": the person the article gives that title (the last
    before, else the first after); "He said" opening a sentence: the person named last."""
    toks = scan.toks
    for i, t in enumerate(toks):
        if scan.used[i]:
            continue
        if t.key == "the" and i + 1 < len(toks) and not toks[i + 1].cap:
            # "the country's prime minister": the title in the article's country
            own = toks[i + 1].key in ("country", "nation") and toks[i + 1].possessive and i + 2 < len(toks)
            first = i + 2 if own else i + 1
            first += first + 1 < len(toks) and toks[first].key in _TITLE_MODIFIERS     # "the former president"
            end = max((k for k in range(first + 1, min(len(toks), first + 3) + 1)
                       if scan.glued(first, k) and scan.key(first, k) in scan.lex.titles), default=0)
            if end and not toks[end - 1].possessive and not (end < len(toks) and toks[end].key == "of"):
                title = _title_key(scan, first, scan.key(first, end))
                name = _nearest([f for f in scan.titled if f[1] == title], t.start)
                if not name and own and scan.lex.countries.get(scan.focus):
                    name = f"{title.title()} of {scan.lex.countries[scan.focus]}"
                if name:
                    scan.take(first, end, name)
        if (t.key == "the" or (t.possessive and t.cap)) and not scan.used[i]:
            _org_reference(scan, i)
        elif t.key in scan.lex.references and not scan.used[i] and _staff(scan, i):
            continue
        elif t.initial and t.key in ("he", "she") and t.cap:
            name = _nearest([f for f in scan.persons if f[0] < t.start], t.start)
            if name:
                scan.take(i, i + 1, name)


@dataclass(frozen=True)
class ArticleActors:
    """The actors named in one article, in order of position (start, then end)."""
    mentions: tuple[Mention, ...]
    focus: str = ""

    def between(self, start: int, end: int) -> tuple[str, ...]:
        """The actors of the text start..end, in order, each once."""
        # mentions are in order of position: a sentence looks at its own, not at the article's
        lo, hi = bisect.bisect_left(self._starts, start), bisect.bisect_right(self._starts, end)
        return tuple(dict.fromkeys(m.name for m in self.mentions[lo:hi] if m.end <= end))

    @functools.cached_property
    def _starts(self) -> list[int]:
        return [m.start for m in self.mentions]


def article_actors(text: str, site=(), places=None, focus: str | None = None,
                   lexicon: Lexicon | None = None) -> ArticleActors:
    """Find the actors of an article.

    site: (Actor, compiled regex of its aliases) pairs from the site's actors.yaml;
    places: the place matcher (a run that is a place in full is not a person);
    focus: ISO code of the article's country, else the state it names most often.
    """
    lex = lexicon or load_lexicon()
    toks = tokens(text)
    scan = _Scan(lex, text, toks, [False] * len(toks))
    n = words = 0
    for k, t in enumerate(toks):
        n += k > 0 and not (t.glued and not toks[k - 1].possessive)
        scan.breaks.append(n)
        scan.words.append(words)
        words += t.key.count(" ") + 1
        scan.firsts.append(t.key.partition(" ")[0])
    scan.words.append(words)
    _site(scan, site)
    scan.focus = focus if focus is not None else focus_country(scan)
    _defined_acronyms(scan)
    i = 0
    starts = lex.firsts
    while i < len(toks):                                 # states, known actors, forces, groups
        if scan.used[i] or (scan.firsts[i] not in starts and toks[i].key != "ministry"
                            and toks[i].key not in scan.defined):
            i += 1                                       # no phrase starts here
            continue
        j = _known(scan, i)
        if j == i:
            j = _forces_and_groups(scan, i)
        i = max(j, i + 1)
    _crafts(scan)
    i = 0
    while i < len(toks):                                 # then capitalised runs, in reading order
        if scan.used[i] or not toks[i].cap:
            i += 1
            continue
        j = _run_end(scan, i)
        _run(scan, i, j, places)
        i = j
    scan.persons.sort()
    scan.titled.sort()
    for index, title, pos in scan.pending:
        name = _nearest([f for f in scan.titled if f[1] == title], pos)
        if name:
            m = scan.found[index]
            scan.found[index] = Mention(m.start, m.end, name)
    _appositives(scan)
    _references(scan)
    _spelled_out(scan)
    _owners(scan)
    _craft_spelling(scan)
    _sides(scan)
    return ArticleActors(tuple(sorted(scan.found, key=lambda m: (m.start, m.end))), scan.focus)
