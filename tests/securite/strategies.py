"""Stratégies hypothesis partagées par les tests de propriétés et `scripts/fuzz.py`.

- `textes` : du texte quelconque (et des octets quelconques) ;
- `arbres` : des arbres YAML (dictionnaires, listes, scalaires) dont les clés mêlent celles
  du format et des clés au hasard, rendus en YAML par PyYAML ;
- `mutations` : des altérations d'un dépôt valide (supprimer, dupliquer, changer le type
  d'une clé, échanger deux valeurs, tronquer un fichier, insérer des octets…).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path

import yaml
from hypothesis import strategies as st

#: clés du format (FORMAT §1) : les arbres au hasard les utilisent souvent
CLES_FORMAT = (
    "type", "id", "niveau", "nom", "region", "departements", "collectivite", "forme", "arrete",
    "reference", "date", "installation", "ressort", "epci", "communes", "presidents", "membres",
    "qualite", "college", "organisation", "voix", "departement", "mandat", "debut", "fin",
    "suppleants", "email", "invites", "commissions", "objet", "rotation", "sieges", "periodes",
    "instances_remplacees", "devenir", "reglement_interieur", "adopte_le", "reunions_par_an",
    "secretariat", "delai_convocation_jours", "modalites_vote", "comite", "lieu", "nature",
    "commission", "ordre_du_jour", "presents", "representes", "membre", "mandataire",
    "convoques_le", "periode", "adoptee_le", "axes", "titre", "diagnostic", "fiches_action",
    "problematique", "objectif", "publics", "territoires", "pilote", "contributeurs", "acteur",
    "role", "echeance", "statut", "indicateurs", "unite", "valeur_initiale", "cible",
    "valeur_actuelle", "source", "valable_du", "verifie_le", "syndicats_salaries",
    "organisations_employeurs", "entreprises", "salaries",
)
VALEURS_FORMAT = (
    "comite", "seance", "feuille_de_route", "parametres", "regional", "departemental", "local",
    "territorial", "territorial_unique", "etat", "region", "departement", "communes", "epci",
    "syndicat_salaries", "organisation_employeurs", "organisation_employeurs_multipro",
    "france_travail", "mission_locale", "cap_emploi", "au_sein_du_crefop", "crefop_renomme",
    "ordinaire", "pleniere", "commission", "inclusion_iae", "27", "21", "2A", "971", "200000925",
    "21231", "cde-21", "cle-21-plaine", "../../etc/passwd", "a/b", "", "~", "null",
)

#: textes piégés : balises, guillemets, caractères de contrôle, RTL, emoji, très longs
TEXTES_PIEGES = (
    "& < > \" '", "<script>alert(1)</script>", "{{ 7*7 }}", "{% for x in y %}", "${HOME}",
    "=1+2", "=HYPERLINK(\"http://x\")", "@SUM(A1)", "+33", "-2", "\x00", "\x1b[31mrouge\x1b[0m",
    "ligne 1\nligne 2", "\r\n", "\t", "\u202ehcraM", "\ufeff", "👩‍👩‍👧‍👦 🇫🇷", "\ud7ff", "\U0010ffff",
    "é" * 300, "x" * 5000, "::error::injection", "%0A", "]]>", "<w:t>", "BEGIN:VEVENT",
)

#: remplacé dans le texte par un entier de 5 000 chiffres (PyYAML ne sait pas l'écrire : au-delà
#: de 4 300 chiffres, str(entier) lève ValueError, garde de Python contre les calculs quadratiques)
ENTIER_ENORME = "@@entier-enorme@@"
VALEURS_EXTREMES = (
    None, 0, -1, 10**12, 10**30, -(10**30), 1.5, float("nan"), float("inf"), True, "", "x" * 300, [], {},
    dt.date(2024, 2, 29), dt.date(1, 1, 1), dt.date(9999, 12, 31), "2024-13-45", "1e400", "0x1F",
    dt.datetime(1, 1, 1, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=5))), ENTIER_ENORME,
)

scalaires = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(VALEURS_FORMAT),
    st.sampled_from(TEXTES_PIEGES),
    st.sampled_from(VALEURS_EXTREMES),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 1, 1)),
)
cles = st.one_of(st.sampled_from(CLES_FORMAT), st.text(max_size=20), st.integers(-5, 5))


def _enfants(sous: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.lists(sous, max_size=5), st.dictionaries(cles, sous, max_size=6))


arbres = st.recursive(scalaires, _enfants, max_leaves=40)
#: un document de premier niveau : le plus souvent un dictionnaire qui a une clé `type`
documents = st.one_of(
    st.builds(
        lambda type_, reste: {"type": type_, **reste},
        st.one_of(st.sampled_from(("comite", "seance", "feuille_de_route", "parametres")), scalaires),
        st.dictionaries(cles, arbres, max_size=10),
    ),
    arbres,
)


def en_yaml(donnees: object, style: bool | None) -> str:
    """Rend `donnees` en YAML (bloc, flux ou mixte) ; les clés non textuelles restent possibles."""
    texte = yaml.safe_dump(donnees, allow_unicode=True, default_flow_style=style, sort_keys=False)
    return texte.replace(f"'{ENTIER_ENORME}'", "9" * 5000).replace(ENTIER_ENORME, "9" * 5000)


textes_yaml = st.builds(en_yaml, documents, st.sampled_from((False, True, None)))
textes = st.one_of(st.text(max_size=400), textes_yaml)
octets = st.one_of(
    st.binary(max_size=400),
    st.builds(lambda t, enc: t.encode(enc, errors="replace"), textes_yaml,
              st.sampled_from(("utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"))),
)


# --- mutations d'un dépôt ------------------------------------------------------------------

Depot = dict[str, bytes]  # chemin relatif -> contenu


def _charger(texte: bytes) -> object:
    try:
        return yaml.safe_load(texte)
    except (yaml.YAMLError, ValueError):  # ValueError : entier de plus de 4 300 chiffres
        return None


def _chemins(donnees: object, prefixe: tuple = ()) -> list[tuple]:
    """Tous les chemins (clés et indices) de l'arbre, itératif."""
    chemins, pile = [], [(donnees, prefixe)]
    while pile:
        valeur, chemin = pile.pop()
        if chemin:
            chemins.append(chemin)
        if isinstance(valeur, dict):
            pile.extend((v, (*chemin, k)) for k, v in valeur.items())
        elif isinstance(valeur, list):
            pile.extend((v, (*chemin, i)) for i, v in enumerate(valeur))
    return chemins


def _parent(donnees: object, chemin: tuple) -> object:
    for pas in chemin[:-1]:
        donnees = donnees[pas]
    return donnees


def _mutation_arbre(operation: str) -> Callable[[bytes, random.Random], bytes]:
    """Une mutation qui relit le fichier, altère un nœud au hasard et le réécrit."""

    def muter(contenu: bytes, hasard: random.Random) -> bytes:
        donnees = _charger(contenu)
        chemins = _chemins(donnees)
        if not chemins:
            return contenu
        chemin = hasard.choice(chemins)
        parent, pas = _parent(donnees, chemin), chemin[-1]
        if operation == "supprimer":
            del parent[pas]
        elif operation == "retyper":
            parent[pas] = hasard.choice([*VALEURS_EXTREMES, [parent[pas]], {"a": parent[pas]}, *TEXTES_PIEGES])
        elif operation == "echanger":
            autre = hasard.choice(chemins)
            if autre[: len(chemin)] != chemin and chemin[: len(autre)] != autre:
                autre_parent = _parent(donnees, autre)
                parent[pas], autre_parent[autre[-1]] = autre_parent[autre[-1]], parent[pas]
        elif operation == "dupliquer" and isinstance(parent, list):
            parent.insert(pas, parent[pas])
        elif operation == "renommer" and isinstance(parent, dict):
            parent[hasard.choice(CLES_FORMAT) + hasard.choice(("", "s", "_", "x"))] = parent.pop(pas)
        return en_yaml(donnees, hasard.choice((False, None))).encode("utf-8")

    return muter


def _tronquer(contenu: bytes, hasard: random.Random) -> bytes:
    return contenu[: hasard.randrange(len(contenu) + 1)]


def _inserer_octets(contenu: bytes, hasard: random.Random) -> bytes:
    position = hasard.randrange(len(contenu) + 1)
    ajout = hasard.choice([b"\x00", b"\xff\xfe", b"\xe9", b"\t", b"\r", b"\n  - ", b": ", b"&a ", b"*a",
                           b"{", b"]", b"'", b'"', b"!!python/object:os.system ", b"%YAML 1.1\n", b"---\n",
                           bytes(hasard.randrange(256) for _ in range(8))])
    return contenu[:position] + ajout + contenu[position:]


def _dupliquer_ligne(contenu: bytes, hasard: random.Random) -> bytes:
    lignes = contenu.splitlines(keepends=True)
    if not lignes:
        return contenu
    i = hasard.randrange(len(lignes))
    return b"".join(lignes[: i + 1] + [lignes[i]] + lignes[i + 1 :])


def _remplacer_octet(contenu: bytes, hasard: random.Random) -> bytes:
    if not contenu:
        return contenu
    i = hasard.randrange(len(contenu))
    return contenu[:i] + bytes([hasard.randrange(256)]) + contenu[i + 1 :]


MUTATIONS_FICHIER: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "supprimer-cle": _mutation_arbre("supprimer"),
    "retyper-valeur": _mutation_arbre("retyper"),
    "echanger-valeurs": _mutation_arbre("echanger"),
    "dupliquer-element": _mutation_arbre("dupliquer"),
    "renommer-cle": _mutation_arbre("renommer"),
    "tronquer": _tronquer,
    "inserer-octets": _inserer_octets,
    "dupliquer-ligne": _dupliquer_ligne,
    "remplacer-octet": _remplacer_octet,
}


def muter_depot(depot: Depot, graine: int, nombre: int) -> tuple[Depot, list[str]]:
    """Applique `nombre` mutations au hasard (graine fixée : reproductible) ; renvoie le dépôt
    muté et le journal des mutations (pour le message d'échec)."""
    hasard = random.Random(graine)
    depot = dict(depot)
    journal = []
    for _ in range(nombre):
        chemin = hasard.choice(sorted(depot))
        operation = hasard.choice([*MUTATIONS_FICHIER, "supprimer-fichier", "copier-fichier"])
        if operation == "supprimer-fichier" and len(depot) > 1:
            del depot[chemin]
        elif operation == "copier-fichier":
            depot[str(Path(chemin).with_name("copie-" + Path(chemin).name))] = depot[chemin]
        elif operation in MUTATIONS_FICHIER:
            depot[chemin] = MUTATIONS_FICHIER[operation](depot[chemin], hasard)
        journal.append(f"{operation} {chemin}")
    return depot, journal


def ecrire_depot(depot: Depot, dossier: Path) -> list[str]:
    """Écrit le dépôt dans `dossier` ; renvoie les chemins écrits."""
    ecrits = []
    for chemin, contenu in depot.items():
        cible = dossier / chemin
        cible.parent.mkdir(parents=True, exist_ok=True)
        cible.write_bytes(contenu)
        ecrits.append(str(cible))
    return ecrits
