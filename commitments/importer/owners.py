"""Who a paragraph asks to act, found through the owner aliases staff keep in the database.

``AliasTable`` is built once per import from ``OwnerAlias`` rows (``from_db``) and passed to the
pure parser. A body is an owner only where the paragraph addresses it: right after a verb of
request ("De demander au …", "Requests the …", "Solicitar a la …", "Instar os …"), possibly
several joined by "and"/"through"/"in coordination with". A mere mention (the "Plan de travail
du CICTE") makes no owner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from commitments.importer.text import fold
from commitments.importer.verbs import Clause, coordinated_clauses, lead_clause

# Words that may sit between a verb and its addressee, or between two addressees.
CONNECTORS = set(
    """
    upon on to au aux a al ao aos os o as la l le les el the all its their each every oas oea relevant
    tous toutes todos todas cada and et y e as well ainsi que asi como assim together with in
    coordination collaboration cooperation consultation coordinacion colaboracion cooperacion
    coordenacao colaboracao cooperacao conjunto conjuntamente junto en em avec con com through via par biais
    intermediaire entremise por conducto medio traves intermedio meio atraves de du des del los
    las da do dos das of su sus seu sua son sa ses leur leurs
    """.split()
)
TOKEN = re.compile(r"[a-z]+|[,;:.()]")
DECIDES_THAT = re.compile(
    r",?(?: (?:also|further|furthermore|tambien|ademas|asimismo|egalement|aussi|en outre|tambem|ainda|igualmente))?"
    r",? (?:that|que|qu')"
)


@dataclass(frozen=True)
class OwnerRef:
    id: int | None
    name: str


@dataclass
class AliasTable:
    """Aliases by language, longest first, folded for accent- and case-insensitive matching."""

    by_language: dict[str, list[tuple[str, OwnerRef]]] = field(default_factory=dict)
    member_states: OwnerRef | None = None

    @classmethod
    def from_rows(cls, rows, member_states: OwnerRef | None = None) -> AliasTable:
        """``rows``: (language, alias text, owner id, owner name)."""
        table = cls(member_states=member_states)
        for language, text, owner_id, owner_name in rows:
            folded = " ".join(fold(text).split())
            if folded:
                table.by_language.setdefault(language, []).append((folded, OwnerRef(owner_id, owner_name)))
        for aliases in table.by_language.values():
            aliases.sort(key=lambda pair: len(pair[0]), reverse=True)
        return table

    @classmethod
    def from_db(cls) -> AliasTable:
        from commitments.models import Owner, OwnerAlias

        rows = OwnerAlias.objects.values_list("language", "text", "owner_id", "owner__name_en")
        member_states = Owner.objects.filter(is_member_states=True).order_by("pk").first()
        return cls.from_rows(rows, OwnerRef(member_states.pk, member_states.name_en) if member_states else None)

    def match_at(self, folded: str, position: int, language: str) -> tuple[OwnerRef, int] | None:
        for alias, owner in self.by_language.get(language, ()):
            end = position + len(alias)
            if folded.startswith(alias, position) and (end == len(folded) or not folded[end].isalnum()):
                return owner, end
        return None

    def find_in(self, text: str, language: str) -> OwnerRef | None:
        """The owner an alias names anywhere in a short ``text`` (a header's body name)."""
        folded = fold(text)
        for alias, owner in self.by_language.get(language, ()):
            if re.search(rf"(?<![a-z]){re.escape(alias)}(?![a-z])", folded):
                return owner
        return None


@dataclass
class Addressees:
    owners: list[OwnerRef] = field(default_factory=list)
    span: tuple[int, int] | None = None


def scan_addressees(folded: str, start: int, table: AliasTable, language: str) -> Addressees:
    """Owners named from ``start`` on, joined by connectors; stops at the first other word."""
    found = Addressees()
    position = start
    skipped = 0
    previous = ""
    while position < len(folded) and skipped <= 8:
        while position < len(folded) and folded[position] in " \t'":
            position += 1
        match = table.match_at(folded, position, language)
        if match:
            owner, end = match
            if owner not in found.owners:
                found.owners.append(owner)
            found.span = (found.span[0] if found.span else position, end)
            position, skipped = end, 0
            continue
        token = TOKEN.match(folded, position)
        if not token:
            break
        word = token.group(0)
        # "que" ends an addressee ("Solicitar a la SSM que …") except in French "ainsi que".
        joiner = word == "que" and previous == "ainsi"
        if not joiner and (word in (";", ":", ".", "(", ")") or (word not in CONNECTORS and word != ",")):
            break
        position, skipped, previous = token.end(), skipped + 1, word
    return found


# Words before an addressed body's name ("Requests the …", "Solicita a la …", "Prie la …").
ARTICLES = re.compile(r"(?:(?:upon|on|to|the|la|le|les|el|los|las|l'|l’|au|aux|al|a|à|às|ao|aos|o|os|as) ?)*", re.I)
NAME_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*")
# Words inside a body's name ("Conference on Disarmament", "Conférence du désarmement").
NAME_LINKS = {"on", "of", "for", "and", "de", "del", "des", "du", "la", "do", "da", "dos", "das", "sur", "sobre",
              "para", "pour", "e", "y", "et"}  # fmt: skip
# What follows the name: the verb's own construction ("… to report", "… que presente", "… de faire").
NAME_ENDS = {"to", "that", "que", "qu", "a", "à", "in", "at", "with", "con", "com", "avec", "en", "em"}
NAME_ARTICLES = {"the", "la", "le", "les", "el", "los", "las", "o", "os", "as", "l"}
INFINITIVE = re.compile(r"(?:er|ir|re|ar|oir)$")


def propose_addressee(text: str, start: int) -> str:
    """The name of the body a request addresses, read from the original text: the words after
    the verb, from a capital to the verb's own construction ("Requests the Conference on
    Disarmament to …" → "Conference on Disarmament"; "Prie la Conférence du désarmement de …"
    → "Conférence du désarmement"). Empty when no capitalised name follows ("Urges all States")."""
    articles = ARTICLES.match(text, start + len(text[start:]) - len(text[start:].lstrip()))
    position = articles.end() if articles else start
    words: list[str] = []
    while position < len(text) and len(words) < 10:
        found = NAME_TOKEN.match(text, position)
        if not found:
            break
        word = found.group(0)
        lower = word.lower()
        after_link = bool(words) and words[-1].lower() in NAME_LINKS
        if not words and not word[:1].isupper():
            break
        if (lower in NAME_ENDS and not after_link) or (after_link and lower in NAME_ARTICLES):
            break  # "… Disarmament to report"; "… Disarmament and the Secretariat": a second body
        if lower in ("de", "d") and (following := NAME_TOKEN.match(text, found.end() + 1)):
            if INFINITIVE.search(following.group(0).lower()) and following.group(0).islower():
                break  # "… désarmement de faire": the verb starts
        if words and not word[:1].isupper() and lower not in NAME_LINKS and not after_link:
            break
        words.append(word)
        position = found.end()
        while position < len(text) and text[position] in " '’":
            position += 1
    while words and words[-1].lower() in NAME_LINKS:
        words.pop()  # "Conference on Disarmament and" → "Conference on Disarmament"
    return " ".join(words)


@dataclass
class OwnerReading:
    kind: str | None  # "action", "declaratory", or None when the paragraph has no verb of its own
    owners: list[OwnerRef]
    source: str  # "named", "body", "default", "inherited", "proposed", "none"
    span: tuple[int, int] | None = None
    proposed: str = ""  # an addressee no alias names, offered to staff as a new owner


def read_owners(
    text: str,
    language: str,
    table: AliasTable,
    *,
    parent: OwnerReading | None = None,
    body_owner: OwnerRef | None = None,
) -> OwnerReading:
    folded = fold(text)
    lead = lead_clause(folded, language)
    clauses: list[Clause] = ([lead] if lead else []) + coordinated_clauses(folded, language)
    named = Addressees()
    proposed = ""
    for clause in clauses:
        start = clause.end
        if clause.kind == "deciding":
            # "Also decides that the Secretary-General shall …": the body after "that" acts.
            that = DECIDES_THAT.match(folded, clause.end)
            if that is None:
                continue
            start = that.end()
        elif clause.kind != "addressing":
            continue
        found = scan_addressees(folded, start, table, language)
        for owner in found.owners:
            if owner not in named.owners:
                named.owners.append(owner)
        named.span = named.span or found.span
        if not found.owners and clause.kind == "addressing" and not proposed:
            proposed = propose_addressee(text, start)
    acts = any(clause.kind != "declaratory" for clause in clauses)
    if lead is None:
        kind = "action" if acts else (parent.kind if parent else "action")
    else:
        kind = "action" if acts else "declaratory"
    if named.owners:
        return OwnerReading(kind, named.owners, "named", named.span)
    if parent is not None and parent.owners:
        return OwnerReading(kind, list(parent.owners), "inherited")
    if proposed:
        # Addressed, but to a body no alias names: never silently Member States.
        return OwnerReading(kind, [], "proposed", proposed=proposed)
    if kind == "declaratory":
        return OwnerReading(kind, [], "none")
    if body_owner and any(clause.kind == "deciding" for clause in clauses):
        return OwnerReading(kind, [body_owner], "body")
    if table.member_states:
        return OwnerReading(kind, [table.member_states], "default")
    return OwnerReading(kind, [], "none")
