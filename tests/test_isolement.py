"""Isolement des erreurs (issue 11 §1) : une faute de frappe, un constat.

Propriété : pour une mutation d'un seul champ d'un fichier de l'exemple de Bourgogne-Franche-
Comté (valeur hors énumération, date au mauvais format, valeur du mauvais type, clé obligatoire
supprimée, clé mal orthographiée), la validation donne exactement un constat nouveau : une
erreur, dans le fichier modifié, à la ligne modifiée (pour une clé supprimée : la ligne du
dictionnaire qui la contenait). Aucun autre constat n'apparaît ailleurs (séance « orpheline »,
couverture du département, plénière manquante…).

La suite tire 60 mutations (reproductibles) parmi les ≈ 25 000 possibles ; pour en tirer plus :
`CTE_MUTATIONS=2000 python -m pytest tests/test_isolement.py`.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cte_cli.constats import Gravite
from cte_cli.loading.depot import _sous_modele, decouvrir
from cte_cli.model import MODELES
from cte_cli.moteur import valider

from conftest import DATE, EXEMPLE

JOUR = date.fromisoformat(DATE)
FICHIERS = decouvrir([str(EXEMPLE)])


def _cle_constat(c, fichier: str | None = None) -> tuple:
    return (fichier or c.fichier, c.regle, c.message)


@pytest.fixture(scope="module")
def reference():
    resultat = valider([str(EXEMPLE)], JOUR, fichiers=FICHIERS)
    assert not [c for c in resultat.constats if c.gravite is Gravite.ERREUR]
    return {_cle_constat(c) for c in resultat.constats}


@dataclass(frozen=True)
class Mutation:
    fichier: str
    genre: str
    chemin: tuple
    debut: int  # indices dans le texte
    fin: int
    remplacement: str
    ligne: int  # ligne attendue du constat (1-based) ; 0 : à calculer sur le texte muté

    def appliquer(self, texte: str) -> str:
        return texte[: self.debut] + self.remplacement + texte[self.fin :]

    def __repr__(self) -> str:  # lisible dans le rapport de hypothesis
        rel = os.path.relpath(self.fichier, EXEMPLE)
        return f"Mutation({rel}, {self.genre}, {'.'.join(map(str, self.chemin))} -> {self.remplacement!r})"


def _modele_au(type_: str, chemin: tuple):
    return _sous_modele(MODELES[type_], chemin)


def _faute(cle: str) -> str:
    milieu = len(cle) // 2
    return cle[:milieu] + cle[milieu] + cle[milieu:]


def _mutations(fichier: str) -> list[Mutation]:
    texte = Path(fichier).read_text(encoding="utf-8")
    racine = yaml.compose(texte)
    type_ = yaml.safe_load(texte).get("type")
    trouvees: list[Mutation] = []

    def scalaire(noeud, chemin):
        if noeud.style in ("|", ">"):
            return
        debut, fin, ligne = noeud.start_mark.index, noeud.end_mark.index, noeud.start_mark.line + 1
        cible = _modele_au(type_, chemin)
        import typing

        if typing.get_origin(cible) is typing.Literal:
            trouvees.append(Mutation(fichier, "enumeration", chemin, debut, fin, f"{noeud.value}-x", ligne))
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})([T ]\d{2}:\d{2})?", noeud.value):
            francaise = f"{m.group(3)}/{m.group(2)}/{m.group(1)}" + (m.group(4) or "").replace("T", " ")
            trouvees.append(Mutation(fichier, "date", chemin, debut, fin, francaise, ligne))
        if cible is not None:
            trouvees.append(Mutation(fichier, "type", chemin, debut, fin, "{x: 1}", ligne))

    def parcourir(noeud, chemin):
        if isinstance(noeud, yaml.MappingNode):
            parent = _modele_au(type_, chemin)
            champs = getattr(parent, "model_fields", {}) or {}
            for k, v in noeud.value:
                sous = (*chemin, k.value)
                if k.value in champs:
                    debut_ligne = texte.rfind("\n", 0, k.start_mark.index) + 1
                    seule = not texte[debut_ligne : k.start_mark.index].strip()
                    trouvees.append(Mutation(fichier, "cle", sous, k.start_mark.index, k.end_mark.index,
                                             _faute(k.value), k.start_mark.line + 1))
                    if champs[k.value].is_required():
                        suppression = _suppression(texte, noeud, k, v, seule)
                        if suppression is not None:
                            trouvees.append(Mutation(fichier, "suppression", sous, *suppression, "", 0))
                parcourir(v, sous)
        elif isinstance(noeud, yaml.SequenceNode):
            for i, v in enumerate(noeud.value):
                parcourir(v, (*chemin, i))
        elif chemin:
            scalaire(noeud, chemin)

    parcourir(racine, ())
    return trouvees


def _suppression(texte: str, parent, k, v, seule: bool) -> tuple[int, int] | None:
    """Les bornes du texte à retirer pour supprimer la paire (k, v), ou None si la paire n'est
    pas seule sur ses lignes (« - nom: … » en tête d'élément de liste)."""
    if parent.flow_style:
        debut, fin = k.start_mark.index, v.end_mark.index
        suite = texte[fin:]
        if suite.lstrip().startswith(","):
            fin += len(suite) - len(suite.lstrip()) + 1
            fin += len(texte[fin:]) - len(texte[fin:].lstrip(" "))
        else:
            avant = texte[:debut].rstrip()
            if not avant.endswith(","):
                return None
            debut = len(avant) - 1
        return debut, fin
    if not seule:
        return None
    debut = texte.rfind("\n", 0, k.start_mark.index) + 1
    fin = v.end_mark.index
    debut_ligne = texte.rfind("\n", 0, fin) + 1
    if not texte[debut_ligne:fin].strip():  # collection en bloc : la fin marque le jeton suivant
        fin = debut_ligne
    else:
        saut = texte.find("\n", fin)
        fin = len(texte) if saut < 0 else saut + 1
    return debut, fin


MUTATIONS = [m for f in FICHIERS for m in _mutations(f)]


def _ligne_du_parent(texte: str, chemin: tuple) -> int:
    noeud = yaml.compose(texte)
    for pas in chemin[:-1]:
        if isinstance(noeud, yaml.MappingNode):
            noeud = next(v for k, v in noeud.value if k.value == pas)
        else:
            noeud = noeud.value[pas]
    return noeud.start_mark.line + 1


def _verifier(mutation: Mutation, reference: set) -> None:
    texte = Path(mutation.fichier).read_text(encoding="utf-8")
    mute = mutation.appliquer(texte)
    with tempfile.TemporaryDirectory() as dossier:
        copie = os.path.join(dossier, os.path.basename(mutation.fichier))
        Path(copie).write_text(mute, encoding="utf-8")
        fichiers = [copie if f == mutation.fichier else f for f in FICHIERS]
        resultat = valider([str(EXEMPLE)], JOUR, fichiers=fichiers)
    nouveaux = [c for c in resultat.constats
                if _cle_constat(c, mutation.fichier if c.fichier == copie else None) not in reference]
    detail = "\n".join(f"  {c.fichier}:{c.ligne} {c.gravite} {c.message} [{c.regle}]" for c in nouveaux)
    assert len(nouveaux) == 1, f"{mutation!r} : {len(nouveaux)} constats nouveaux\n{detail}"
    (constat,) = nouveaux
    attendue = mutation.ligne or _ligne_du_parent(mute, mutation.chemin)
    assert constat.gravite is Gravite.ERREUR, detail
    assert constat.fichier == copie, detail
    assert constat.ligne == attendue, f"{mutation!r} : ligne {constat.ligne} au lieu de {attendue}\n{detail}"


def _choisir(genre: str, fichier: str, chemin: tuple) -> Mutation:
    cible = str(EXEMPLE / fichier)
    return next(m for m in MUTATIONS if m.genre == genre and m.fichier == cible and m.chemin == chemin)


def test_toutes_les_sortes_de_mutations_sont_tirees():
    assert {m.genre for m in MUTATIONS} == {"enumeration", "date", "type", "suppression", "cle"}
    assert len(MUTATIONS) > 5000


CLE_AUXOIS = "locaux/cle-21-auxois-morvan.yaml"
SEANCE = "seances/2025/2025-06-03-cre-bourgogne-franche-comte-pleniere.yaml"


@pytest.mark.parametrize(("genre", "fichier", "chemin"), [
    ("enumeration", CLE_AUXOIS, ("presidents", 0, "college")),  # l'exemple de l'issue
    ("date", CLE_AUXOIS, ("installation",)),
    ("type", CLE_AUXOIS, ("membres", 0, "voix")),
    ("suppression", CLE_AUXOIS, ("membres",)),
    ("suppression", CLE_AUXOIS, ("id",)),
    ("cle", CLE_AUXOIS, ("niveau",)),
    ("cle", CLE_AUXOIS, ("type",)),
    ("enumeration", CLE_AUXOIS, ("type",)),
    ("enumeration", SEANCE, ("nature",)),
    ("suppression", SEANCE, ("comite",)),
    ("suppression", SEANCE, ("date",)),
    ("date", SEANCE, ("date",)),
    ("cle", "regional/cre-bourgogne-franche-comte.yaml", ("forme",)),
    ("enumeration", "departemental/cde-58-nievre.yaml", ("niveau",)),
    ("type", "departemental/cde-58-nievre.yaml", ("region",)),
])
def test_mutations_choisies(reference, genre, fichier, chemin):
    _verifier(_choisir(genre, fichier, chemin), reference)


@pytest.mark.slow
@settings(max_examples=int(os.environ.get("CTE_MUTATIONS", "60")), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(mutation=st.sampled_from(MUTATIONS))
def test_une_faute_un_constat(reference, mutation):
    _verifier(mutation, reference)


_ = example  # (exemples explicites : test_mutations_choisies)
