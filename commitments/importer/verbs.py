"""What a paragraph does: its leading verb, the verbs of its coordinated clauses, and whether
they only declare (thank, welcome, reaffirm, recall, take note) or ask for action.

Read on folded text (lower case, no accents). The word lists are the vocabulary of OAS and UN
resolutions in the four languages; a verb missing here makes a paragraph "action" by default,
which staff correct in the preview.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DECLARATORY_STEMS = {
    "en": "thank welcom reaffirm recall acknowledg recogni commend congratulat appreciat express emphasi "
    "stress underlin underscor reiterat affirm condemn deplor regret celebrat highlight applaud salut declar "
    "observ",
    "fr": "remerci felicit rejouir reaffirm rappel accueill salu exprim reconna soulign reiter condamn affirm "
    "constat apprecie deplor celebr",
    "es": "agradec acog reafirm record reconoc felicit expres destac subray reiter celebr conden salud observ "
    "deplor lament",
    "pt": "agradec acolh reafirm record lembr reconhec felicit express destac sublinh ressalt reiter celebr "
    "conden saud observ deplor lament congratul",
}
DECLARATORY_WORDS = {"note", "notes", "noter", "notar", "notando"}
# Two-word declaratory openings: "take note", "prendre acte", "tomar nota", "pay tribute".
DECLARATORY_PAIRS = {
    ("take", "note"), ("takes", "note"), ("taking", "note"), ("pay", "tribute"), ("pays", "tribute"),
    ("prendre", "note"), ("prend", "note"), ("prendre", "acte"), ("prend", "acte"), ("rendre", "hommage"),
    ("tomar", "nota"), ("toma", "nota"), ("rendir", "homenaje"), ("prestar", "homenagem"),
}  # fmt: skip
ADDRESSING_STEMS = {
    "en": "request ask urg call encourag invit instruct direct entrust task mandat exhort appeal commission "
    "charg recommend",
    "fr": "demand prie prier charg invit exhort engag encourag recommand appel confi",
    "es": "solicit pid pedir ped encomend encomiend encarg exhort alent alient invit recomend recomiend llam "
    "instru anim",
    "pt": "solicit ped encarreg incumb exort incentiv encoraj convid recomend conclam instru apel",
}
ADDRESSING_WORDS = {"insta", "instar", "instan", "inste"}
DECIDING_STEMS = ("decid", "decide")
ACTION_WORDS = {
    "en": "promote take adopt implement support approve endorse convene continue develop strengthen establish "
    "create consider present submit report hold organize organise provide share exchange prepare carry conduct "
    "facilitate foster enhance coordinate cooperate maintain ensure include review update designate participate "
    "contribute disseminate publish identify assist help undertake pursue increase improve launch work explore "
    "study examine assess evaluate compile collect seek make build intensify redouble decide draft elaborate "
    "finance fund request urge call encourage invite instruct direct entrust recommend ask",
    "fr": "promouvoir prendre adopter mettre appuyer soutenir approuver convoquer continuer poursuivre developper "
    "renforcer etablir creer examiner presenter soumettre organiser fournir partager echanger preparer faciliter "
    "favoriser coordonner cooperer maintenir assurer veiller inclure designer participer contribuer diffuser "
    "publier identifier aider entreprendre accroitre ameliorer lancer travailler etudier evaluer elaborer "
    "intensifier redoubler decider financer tenir realiser envisager recommander demander inviter exhorter "
    "encourager charger prier engager demande prie invite exhorte encourage engage recommande charge decide",
    "es": "promover tomar adoptar implementar aplicar apoyar respaldar aprobar convocar continuar seguir "
    "desarrollar fortalecer establecer crear considerar presentar someter informar organizar proporcionar "
    "brindar compartir intercambiar preparar facilitar fomentar coordinar cooperar mantener asegurar "
    "garantizar velar incluir designar participar contribuir difundir publicar identificar ayudar emprender "
    "aumentar mejorar lanzar trabajar estudiar evaluar elaborar intensificar redoblar decidir financiar "
    "realizar impulsar solicitar pedir encomendar encargar instar exhortar alentar invitar recomendar "
    "solicita pide insta exhorta alienta invita encomienda encarga recomienda decide",
    "pt": "promover tomar adotar implementar aplicar apoiar respaldar aprovar convocar continuar seguir "
    "desenvolver fortalecer estabelecer criar considerar apresentar submeter informar organizar proporcionar "
    "fornecer compartilhar partilhar intercambiar trocar preparar facilitar fomentar coordenar cooperar manter "
    "assegurar garantir velar incluir designar participar contribuir difundir divulgar publicar identificar "
    "ajudar empreender aumentar melhorar lancar trabalhar estudar avaliar elaborar intensificar redobrar "
    "decidir financiar realizar impulsionar solicitar pedir encarregar instar exortar incentivar encorajar "
    "convidar recomendar solicita pede insta exorta incentiva convida encarrega recomenda decide",
}
ENCLITICS = ("les", "le", "lo", "la", "los", "las", "se", "nos")
LEAD_SKIP = {
    "to", "de", "d", "se", "s", "also", "further", "again", "once", "strongly", "hereby", "moreover",
    "furthermore", "finally", "asimismo", "tambien", "ademas", "igualmente", "egalement", "outre", "aussi",
    "enfin", "ainda", "tambem", "encore", "nuevamente", "novamente", "firmly", "urgently", "respectfully",
}  # fmt: skip
COORDINATED = {
    "fr": re.compile(
        r"(?:,? (?:et|ou|ainsi que|puis)\b|,) (?:(?:par consequent|egalement|en outre|aussi|enfin|notamment),? )?"
        r"d(?:e |')(?:(?:se|les|leur|lui|la|le) |s'|l')?([a-z]+)"
    ),
    "en": re.compile(
        r"(?:,? (?:and|as well as)\b|,) (?:(?:also|further|therefore|thereby|to that end),? )?"
        r"(?:to ([a-z]+)|([a-z]+s)\b)"
    ),
    "es": re.compile(
        r"(?:,? (?:y|e)\b|,) (?:(?:asimismo|tambien|ademas|por consiguiente|por lo tanto|en consecuencia),? )?"
        r"(?:de )?([a-z]+)"
    ),
    "pt": re.compile(r"(?:,? e\b|,) (?:(?:tambem|ainda|alem disso|portanto|em consequencia),? )?(?:de )?([a-z]+)"),
}
WORD = re.compile(r"[a-z]+")


def _split(words: str) -> tuple[str, ...]:
    return tuple(words.split())


DECLARATORY = {language: _split(stems) for language, stems in DECLARATORY_STEMS.items()}
ADDRESSING = {language: _split(stems) for language, stems in ADDRESSING_STEMS.items()}
ACTION = {language: set(words.split()) for language, words in ACTION_WORDS.items()}


@dataclass(frozen=True)
class Clause:
    verb: str
    start: int
    end: int  # where the verb's object starts: an addressee, for a request
    kind: str  # "declaratory", "addressing", "deciding", "action"


def _classify(word: str, following: str, language: str) -> str:
    if (word, following) in DECLARATORY_PAIRS or word in DECLARATORY_WORDS:
        return "declaratory"
    if word.startswith(DECLARATORY.get(language, ())):
        return "declaratory"
    if word.startswith(DECIDING_STEMS):
        return "deciding"
    if word in ADDRESSING_WORDS or word.startswith(ADDRESSING.get(language, ())):
        return "addressing"
    return "action"


def _base(word: str, language: str) -> str | None:
    """``word`` as an infinitive of the action list (enclitics and the English -s stripped)."""
    words = ACTION.get(language, set())
    if word in words:
        return word
    if language == "en" and word.endswith("s") and word[:-1] in words:
        return word[:-1]
    for enclitic in ENCLITICS:
        if word.endswith(enclitic) and word[: -len(enclitic)] in words:
            return word[: -len(enclitic)]
    return None


def lead_clause(folded: str, language: str) -> Clause | None:
    """The paragraph's opening verb ("De demander", "To request", "Requests", "Solicitar")."""
    tokens = list(WORD.finditer(folded[:160]))
    for index, token in enumerate(tokens[:6]):
        word = token.group(0)
        if word in LEAD_SKIP:
            continue
        following = tokens[index + 1].group(0) if index + 1 < len(tokens) else ""
        kind = _classify(word, following, language)
        if kind == "action" and _base(word, language) is None and not _looks_like_verb(word, language):
            return None
        end = token.end()
        if following in ("upon", "on") and word.startswith("call"):
            end = tokens[index + 1].end()
        return Clause(word, token.start(), end, kind)
    return None


def _looks_like_verb(word: str, language: str) -> bool:
    """An opening infinitive we do not list ("De sensibiliser"): the clause form says it is one."""
    if language == "fr":
        return word.endswith(("er", "ir", "re", "oir"))
    if language in ("es", "pt"):
        return word.endswith(("ar", "er", "ir"))
    return False


def coordinated_clauses(folded: str, language: str) -> list[Clause]:
    pattern = COORDINATED.get(language)
    if pattern is None:
        return []
    clauses = []
    for found in pattern.finditer(folded):
        group = next(index for index in range(1, (found.lastindex or 1) + 1) if found.group(index))
        word = found.group(group)
        base = _base(word, language)
        if base is None:
            continue
        following = WORD.match(folded, found.end(group) + 1)
        kind = _classify(base, following.group(0) if following else "", language)
        end = found.end(group)
        if word.startswith("call") and following and following.group(0) in ("upon", "on"):
            end = following.end()
        clauses.append(Clause(base, found.start(group), end, kind))
    return clauses
