"""Voisinage des documents : qui dépend de qui, pour ne jamais reprocher une absence.

Quand un document manque à une règle (fichier illisible, type inconnu, ou champ fautif que la
règle a voulu lire), la règle ne le voit pas. Une règle qui raisonne sur l'ensemble (« aucun
comité départemental pour le 58 », « comité introuvable », « aucune séance plénière en 2025 »,
« EPCI hors de tout comité local ») conclurait alors à tort. Le moteur écarte donc les constats
de cette règle dans le *voisinage* du document masqué : même comité, même département, ou même
région pour ce qui se raisonne à l'échelle régionale (`Contexte.executer`, docs/architecture.md).

Le voisinage se lit sur les données brutes, pas sur le modèle : `id`, `comite`, `region`,
`departements` d'un document, ou, pour un fichier qui ne s'analyse même pas, ce qu'on en devine
dans le texte (clés en début de ligne).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: le voisinage de tout le dépôt (un jeu de paramètres illisible change toutes les voix)
TOUT: tuple[str, ...] = ("*",)

_CLE_TEXTE = re.compile(r"^(type|id|comite|region|niveau):[ \t]*[\"']?([^\"'#\s]+)", re.M)
_DEPARTEMENTS_FLUX = re.compile(r"^departements:[ \t]*\[([^\]\n]*)\]", re.M)
_SIREN = re.compile(r"[\"'](\d{9})[\"']")
_DEPARTEMENTS_BLOC = re.compile(r"^departements:[ \t]*(?:#.*)?\n((?:[ \t]+-[^\n]*\n?)+)", re.M)


@dataclass
class Fantome:
    """Un fichier dont aucun modèle n'a pu être tiré : ce qu'on en sait."""

    fichier: str
    #: clés devinées : type, id, comite, region, niveau, departements
    donnees: dict[str, Any] = field(default_factory=dict)
    #: le fichier ne s'analyse pas du tout (YAML invalide, encodage…) : règle de lecture
    illisible_par: str | None = None

    @property
    def type(self) -> str | None:
        valeur = self.donnees.get("type")
        return valeur if isinstance(valeur, str) else None

    @property
    def id(self) -> str | None:
        valeur = self.donnees.get("id")
        return valeur if isinstance(valeur, str) else None


def deviner(texte: str) -> dict[str, Any]:
    """Les clés de tête d'un texte YAML qu'on ne peut pas analyser (en début de ligne)."""
    donnees: dict[str, Any] = {}
    for m in _CLE_TEXTE.finditer(texte):
        donnees.setdefault(m.group(1), m.group(2))
    if flux := _DEPARTEMENTS_FLUX.search(texte):
        donnees["departements"] = [x.strip().strip("\"'") for x in flux.group(1).split(",") if x.strip()]
    elif bloc := _DEPARTEMENTS_BLOC.search(texte):
        donnees["departements"] = [x.strip().lstrip("-").split("#")[0].strip().strip("\"'")
                                   for x in bloc.group(1).splitlines() if x.strip()]
    if "ressort" in texte:  # les SIREN cités (ressort, membres) : ceux des EPCI du ressort, au moins
        donnees["ressort"] = {"epci": sorted(set(_SIREN.findall(texte)))}
    return donnees


#: taille au-delà de laquelle on ne relit pas un fichier illisible pour en deviner les clés
RELECTURE_MAX = 1_000_000


def relire(fichier: str) -> str:
    """Le texte d'un fichier qui ne s'analyse pas, seulement s'il s'agit d'un fichier ordinaire
    de taille raisonnable (jamais un tube nommé ni un périphérique, qui bloqueraient,
    docs/securite.md) ; sinon un texte vide."""
    from cte_cli.loading.depot import _lire_borne

    try:
        return _lire_borne(fichier, RELECTURE_MAX).decode("utf-8", errors="replace")
    except Exception:  # noqa: BLE001 — pas un fichier ordinaire, trop gros, illisible : rien à deviner
        return ""


def fantome_illisible(fichier: str, constat: Any, texte: str | None = None) -> Fantome:
    """Le fantôme d'un fichier qui ne s'analyse pas : ce qu'on devine de son texte (`texte`, ou
    relu par `relire`)."""
    return Fantome(fichier, deviner(relire(fichier) if texte is None else texte), constat.regle)


def fantome_de_document(doc: Any) -> Fantome:
    """Le fantôme d'un document analysé mais sans modèle (type absent ou inconnu, document
    irrécupérable) ou d'un jeu de paramètres partiel (jamais utilisé à moitié)."""
    donnees = doc.donnees if isinstance(doc.donnees, dict) else {}
    return Fantome(doc.fichier, dict(donnees))


def _code(valeur: Any, longueur: int = 2) -> str | None:
    if isinstance(valeur, bool):
        return None
    if isinstance(valeur, int):  # un entier démesuré n'est pas un code (str() le refuserait)
        return str(valeur).zfill(longueur) if valeur.bit_length() <= 64 else None
    return valeur.strip().upper() if isinstance(valeur, str) and valeur.strip() else None


def _texte(valeur: Any) -> str | None:
    return valeur if isinstance(valeur, str) and valeur else None


def cles(donnees: dict[str, Any], fichier: str, comites: dict[str, dict[str, Any]],
         devine: bool = False, geo: Any = None) -> frozenset:
    """Les clés de voisinage d'un document d'après ses données brutes.

    ("comite", id), ("dep", code), ("region", code) ; ("region*", code) quand les
    départements d'un comité sont inconnus (toute la région) ; TOUT quand rien ne permet de le
    situer. Une séance ou une feuille de route hérite des départements de son comité
    (`comites` : données brutes des comités par identifiant) ; un comité local compte aussi les
    départements des EPCI et communes de son ressort (`geo`), qui peuvent déborder de ses
    `departements` (EPCI interdépartemental). Pour un fichier dont on n'a que
    des clés devinées (`devine`), on s'en tient à ce qu'on a trouvé : pas de TOUT (sauf un jeu
    de paramètres), un fichier cassé n'efface pas les constats du reste du dépôt."""
    type_ = donnees.get("type")
    if type_ == "parametres":
        return frozenset({TOUT})
    if devine:
        return frozenset(c for c in cles(donnees, fichier, comites, geo=geo) if c != TOUT)
    if type_ in ("seance", "feuille_de_route") or ("comite" in donnees and "membres" not in donnees):
        reference = _texte(donnees.get("comite"))
        if reference is None:
            # séance sans comité lisible : le nom du fichier le cite le plus souvent
            cites = [c for c in comites if c in Path(fichier).name]
            if not cites:
                return frozenset({TOUT})
            reference = max(cites, key=len)
        trouve = comites.get(reference, {})
        deps = trouve.get("departements")
        return frozenset({("comite", reference), *(("dep", d) for d in _codes(deps))})
    ident = _texte(donnees.get("id")) or Path(fichier).stem
    region = _code(donnees.get("region"))
    du_ressort, incertain = _departements_du_ressort(donnees.get("ressort"), geo)
    deps = _codes(donnees.get("departements")) + du_ressort
    cles_: set[tuple[str, ...]] = {("comite", ident), ("comite", Path(fichier).stem)}
    cles_.update(("dep", d) for d in deps)
    if not region and deps and geo is not None:  # région illisible : celle de ses départements
        regions = {geo.departements[d].region for d in deps if d in geo.departements}
        region = regions.pop() if len(regions) == 1 else None
    if region:
        cles_.add(("region", region))
        if incertain or not deps and donnees.get("niveau") not in ("regional", "territorial", "territorial_unique"):
            cles_.add(("region*", region))
    elif not deps:
        cles_.add(TOUT)
    return frozenset(cles_)


def _departements_du_ressort(ressort: Any, geo: Any) -> tuple[list[str], bool]:
    """Départements des EPCI (SIREN) et communes (code INSEE) du ressort brut, et vrai si une
    partie du ressort est illisible (clé ou code fautif : on ne sait plus ce qu'il couvre)."""
    if ressort is None or geo is None:
        return [], False
    if not isinstance(ressort, dict):
        return [], True
    deps: list[str] = []
    incertain = False
    for cle, valeurs in ressort.items():
        if cle not in ("epci", "communes") or not isinstance(valeurs, list):
            incertain = True
            continue
        for valeur in valeurs:
            code = (str(valeur) if isinstance(valeur, str) or isinstance(valeur, int)
                    and not isinstance(valeur, bool) and valeur.bit_length() <= 64 else "")
            if cle == "epci" and (epci := geo.epci.get(code.zfill(9))) is not None:
                deps.extend(epci.departements)
            elif cle == "communes" and len(code.zfill(5)) == 5:
                code = code.zfill(5)
                deps.append(code[:3] if code.startswith("97") else code[:2])
            else:
                incertain = True
    return deps, incertain


def _codes(valeur: Any) -> list[str]:
    if not isinstance(valeur, list):
        return []
    return [c for c in (_code(v) for v in valeur) if c]


def lies(constat: frozenset, masque: frozenset) -> bool:
    """Le document de clés `constat` est-il dans le voisinage du document masqué `masque` ?

    Même comité ou même département ; même région quand l'un des deux n'a pas de département
    (comité régional, ou départements inconnus) ; tout, pour un document qu'on ne sait pas situer."""
    if TOUT in masque or TOUT in constat:
        return True
    if constat & masque:
        deps_c = {c for c in constat if c[0] == "dep"}
        deps_m = {c for c in masque if c[0] == "dep"}
        communes = constat & masque
        if any(c[0] in ("comite", "dep") for c in communes):
            return True
        if any(c[0] == "region" for c in communes) and (not deps_c or not deps_m):
            return True
    regions_c = {c[1] for c in constat if c[0] in ("region", "region*")}
    return any(c[0] == "region*" and c[1] in regions_c for c in masque) or any(
        c[0] == "region*" and c[1] in {m[1] for m in masque if m[0] == "region"} for c in constat
    )
