"""Documents à produire : ce qui manque au YAML pour que `cte generate` réussisse.

`cte generate reglement` refuse de produire un règlement intérieur auquel manque une donnée
que le modèle affiche (le nombre de réunions par an, le secrétariat…). Mieux vaut le savoir au
moment de `cte validate`, comité par comité, avec la clé à renseigner (issue 11 §2).

Quelles données le modèle exige-t-il ? Le modèle livré avec cte (`templates/reglement.md`) le
dit : `variables_requises` le rend sur un comité « sonde » dont toutes les données facultatives
manquent et note celles qu'il affiche sans précaution (`{{ x }}` plutôt que `{% if x is
defined %}`). Ce calcul coûte un rendu (0,3 s) : la liste qui en sort est recopiée dans
`REQUISES`, et tests/test_documents_requis.py échoue si le modèle change sans elle. Un dépôt
qui remplace le modèle (`modeles/`) le vérifie avec `cte modeles verifier` ; `cte generate`
reste juge en dernier.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import fields, is_dataclass
from datetime import date
from functools import cache
from typing import Any

from cte_cli.constats import Cible, Constat, Gravite
from cte_cli.rules.registry import Contexte, regle

#: niveaux qui ont leur propre règlement intérieur (R. 5311-45 ; les autres suivent celui du CREFOP)
NIVEAUX_REGLEMENT = ("departemental", "local")

#: variables de la vue que le modèle de règlement livré affiche sans précaution, par niveau
#: (= variables_requises("reglement", niveau), vérifié par les tests)
REQUISES = {
    "departemental": ("comite.president_etat", "comite.reglement.reunions_par_an",
                      "comite.reglement.secretariat", "comite.reglement.delai_convocation_jours"),
    "local": ("comite.president_etat", "comite.reglement.reunions_par_an", "comite.reglement.secretariat",
              "comite.reglement.delai_convocation_jours"),
}


def _ri(cle: str) -> Callable[[Any], bool]:
    def absente(comite: Any) -> bool:
        ri = comite.reglement_interieur
        return ri is None or getattr(ri, cle) in (None, "", [])

    return absente


#: variable de la vue -> (absente dans le comité ?, clé YAML à renseigner, ce qu'elle contient)
DONNEES: dict[str, tuple[Callable[[Any], bool], tuple, str]] = {
    **{f"comite.reglement.{cle}": (_ri(cle), ("reglement_interieur", cle), conseil) for cle, conseil in {
        "adopte_le": "date d'adoption du règlement intérieur",
        "reunions_par_an": "nombre de réunions par an (l'instruction DGEFP/DAT/2024/92 en conseille au moins trois)",
        "secretariat": "service qui assure le secrétariat des séances (R. 5311-45)",
        "delai_convocation_jours": "délai d'envoi des convocations avant la séance, en jours (R. 5311-45)",
        "modalites_vote": "modalités de vote (R. 5311-41)",
        "representation_usagers": "modalités d'association des usagers (R. 5311-46)",
        "commissions_fonctionnement": "règles de fonctionnement des commissions (R. 5311-45)",
        "modalites_audit": "information de la collectivité visée par une demande d'audit (R. 5311-3-6)",
    }.items()},
    "comite.president_etat": (lambda c: not any(p.college == "etat" for p in c.presidents), ("presidents",),
                              "coprésident au titre de l'État (`college: etat`)"),
    "comite.commission_iae": (lambda c: not any(x.objet == "inclusion_iae" for x in c.commissions),
                              ("commissions",), "commission avec `objet: inclusion_iae` (R. 5311-26)"),
    "comite.arrete": (lambda c: c.arrete is None, ("arrete",), "`arrete: {reference, date}`"),
    "comite.installation": (lambda c: c.installation is None, ("installation",), "date d'installation du comité"),
    "membre.voix": (lambda c: any(m.voix is None for m in c.membres), ("membres",),
                    "nombre de voix de chaque membre (R. 5311-38, R. 5311-39)"),
    "membre.organisation": (lambda c: any(not m.organisation for m in c.membres), ("membres",),
                            "organisation représentée par chaque membre"),
    "membre.mandat_fin": (lambda c: any(m.mandat is None for m in c.membres), ("membres",),
                          "`mandat: {debut, fin}` de chaque membre (R. 5311-36)"),
}

EXEMPLE = """# date: 2026-11-22
type: comite
id: cle-21-beaune
niveau: local
nom: Comité local pour l'emploi du Beaunois
region: "27"
departements: ["21"]
installation: 2025-01-13
ressort: {epci: ["242100154"]}
presidents:
  - {nom: Hélène Marchal, qualite: Préfète de la Côte-d'Or, college: etat}
  - {nom: Jean Colin, qualite: Président de Beaune Côte et Sud, college: epci}
membres:
  - {nom: Luc Faure, qualite: Vice-président, college: epci, epci: "242100154"}
reglement_interieur:
  adopte_le: 2025-02-10
  secretariat: DDETS de la Côte-d'Or
  delai_convocation_jours: 15
  # reunions_par_an absent : le règlement ne peut pas être produit
"""


@regle(
    id="reglement-a-completer", gravite=Gravite.INFO, article="R. 5311-45",
    titre="Les données que reprend le règlement intérieur sont renseignées (cte generate reglement)",
    famille="documents", portee="document", exemple=EXEMPLE,
)
def reglement_a_completer(ctx: Contexte) -> Iterator[Constat]:
    """Pour chaque comité départemental ou local, les données que le modèle de règlement
    intérieur livré affiche et que le fichier ne renseigne pas encore : tant qu'elles manquent,
    `cte generate reglement` ne peut pas produire le document. Un constat par comité, sur la
    première clé à renseigner, qui les cite toutes."""
    for doc, comite in ctx.comites(NIVEAUX_REGLEMENT):
        manquantes = [DONNEES[v] for v in REQUISES[comite.niveau] if DONNEES[v][0](comite)]
        if not manquantes:
            continue
        _, chemin, conseil = manquantes[0]
        cles = ", ".join(f"`{'.'.join(map(str, m[1]))}`" for m in manquantes)
        yield ctx.constat(
            doc, chemin,
            f"le règlement intérieur ne peut pas encore être produit (cte generate reglement "
            f"{comite.id}) ; renseignez {cles} : {conseil}",
            chiffres={"cles": [".".join(map(str, m[1])) for m in manquantes]}, cible=Cible.CLE,
        )


# --- ce que le modèle exige ---------------------------------------------------------------

_NEUTRES = {
    "__str__": "", "__iter__": None, "__len__": 0, "__bool__": False, "__int__": 0,
    "__float__": 0.0, "__eq__": False, "__ne__": True, "__contains__": False, "__hash__": 0,
}


def _sonde_classe():
    from cte_cli.documents.vue import Manquant

    class Sonde(Manquant):
        """Une donnée absente qui, au lieu d'arrêter le rendu, note qu'elle a été affichée."""

        __slots__ = ()
        notees: set[str] = set()

        def _noter(self) -> None:
            Sonde.notees.add(self._variable)

    def methode(nom: str):
        neutre = _NEUTRES.get(nom, "self")

        def appel(self, *args: Any, **kwargs: Any) -> Any:
            self._noter()
            if nom == "__iter__":
                return iter(())
            return self if neutre == "self" else neutre

        return appel

    for nom in (*_NEUTRES, "__getitem__", "__call__", "__add__", "__radd__", "__sub__", "__mul__",
                "__lt__", "__le__", "__gt__", "__ge__", "__getattr__", "_fail_with_undefined_error"):
        setattr(Sonde, nom, methode(nom))
    return Sonde


def _remplacer(objet: Any, sonde: type, vus: set[int]) -> Any:
    """Remplace, en place, chaque `Manquant` de la vue par une sonde."""
    from cte_cli.documents.vue import Manquant

    if isinstance(objet, Manquant):
        return sonde(objet._variable, objet._source)
    if is_dataclass(objet) and not isinstance(objet, type) and id(objet) not in vus:
        vus.add(id(objet))
        for f in fields(objet):
            object.__setattr__(objet, f.name, _remplacer(getattr(objet, f.name), sonde, vus))
    elif isinstance(objet, list):
        objet[:] = [_remplacer(x, sonde, vus) for x in objet]
    elif isinstance(objet, dict):
        for k in list(objet):
            objet[k] = _remplacer(objet[k], sonde, vus)
    return objet


@cache
def variables_requises(document: str, niveau: str) -> frozenset[str]:
    """Les variables de la vue que le modèle livré `templates/<document>.md` affiche sans
    précaution pour un comité de ce niveau (une absence arrêterait `cte generate`)."""
    from cte_cli.documents import generation as g
    from cte_cli.documents.modeles import dossier_defaut
    from cte_cli.documents.rendu import environnement, lire_modele_texte
    from cte_cli.loading.depot import Document
    from cte_cli.model import Comite

    modele = dossier_defaut() / f"{document}.md"
    donnees = {
        "type": "comite", "id": "comite-sonde", "niveau": niveau, "nom": "Comité sonde",
        "region": "27", "departements": ["21"], "ressort": {"epci": ["242100154"]},
        "presidents": [{"nom": "A", "qualite": "Présidente", "college": "departement"}],
        "membres": [{"nom": "B", "qualite": "Maire", "college": "communes"}],
        "invites": [{"nom": "C", "qualite": "Directrice"}],
    }
    comite = Comite.model_validate(donnees)
    doc = Document("sonde.yaml", "", donnees, "comite", comite)
    contexte = g.contexte_reglement(doc, comite, modele, date(2026, 1, 1))  # pas un chiffre du droit : date de sonde
    sonde = _sonde_classe()
    _remplacer(contexte, sonde, set())
    environnement("md").from_string(lire_modele_texte(modele)).render(contexte)
    return frozenset(sonde.notees)
