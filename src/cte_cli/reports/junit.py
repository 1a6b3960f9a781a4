"""Rapport JUnit XML (`artifacts: reports: junit` de GitLab, Jenkins, Azure…).

Une suite (`testsuite`) par fichier vérifié. Dans chaque suite, un cas (`testcase`) par
règle qui a produit au moins un constat dans ce fichier ; un fichier sans constat a un seul
cas « conforme », qui passe. Un cas échoue (`failure`) s'il porte au moins une erreur ; les
avertissements et infos seuls laissent le cas réussi, leurs messages dans `system-out`
(les forges les montrent dans le détail du cas). Un constat ignoré (`# cte: ignorer[…]`) ne fait
pas échouer son cas : il est dans `system-out`, marqué « ignoré », avec la raison. Lister toutes les règles pour tous les
fichiers ferait 100 000 cas sur un dépôt national sans rien apprendre de plus.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from cte_cli.constats import Constat, Gravite, lisible
from cte_cli.reports.commun import chemin_relatif

if TYPE_CHECKING:
    from cte_cli.moteur import Resultat

CAS_CONFORME = "conforme"


def _detail(c: Constat) -> str:
    if c.ignore is not None:
        return (f"{c.ligne}:{c.colonne} ignoré ({c.gravite}) {lisible(c.message)} [{c.regle}, {c.article}] "
                f"— raison : {lisible(c.ignore.raison)}")
    return f"{c.ligne}:{c.colonne} {c.gravite} {lisible(c.message)} [{c.regle}, {c.article}]"


def _cas(suite: ET.Element, fichier: str, regle: str, titre: str, constats: list[Constat]) -> bool:
    """Ajoute le cas de `regle` dans `suite` ; renvoie True s'il échoue."""
    cas = ET.SubElement(suite, "testcase", {
        "classname": fichier, "name": f"{regle} : {titre}" if titre else regle,
        "file": fichier, "line": str(constats[0].ligne) if constats else "1", "time": "0",
    })
    erreurs = [c for c in constats if c.gravite is Gravite.ERREUR and c.ignore is None]
    if erreurs:
        echec = ET.SubElement(cas, "failure", {
            "message": f"{len(erreurs)} erreur(s) : {lisible(erreurs[0].message)}", "type": regle,
        })
        echec.text = "\n".join(_detail(c) for c in erreurs)
    autres = [c for c in constats if c not in erreurs]
    if autres:
        ET.SubElement(cas, "system-out").text = "\n".join(_detail(c) for c in autres)
    return bool(erreurs)


def rendre(resultat: Resultat) -> str:
    from cte_cli.catalogue import regles as registre

    regles = registre()
    par_fichier: dict[str, dict[str, list[Constat]]] = defaultdict(lambda: defaultdict(list))
    for c in resultat.constats:
        # lisible : un caractère de contrôle (nom de fichier, valeur citée) rendrait le XML invalide
        par_fichier[lisible(chemin_relatif(c.fichier))][c.regle].append(c)
    for doc in resultat.depot.documents:
        if resultat.perimetre is not None and doc.fichier not in resultat.perimetre:
            continue
        par_fichier.setdefault(lisible(chemin_relatif(doc.fichier)), defaultdict(list))
    racine = ET.Element("testsuites", {"name": "cte validate"})
    total = echecs = 0
    for fichier in sorted(par_fichier):
        suite = ET.SubElement(racine, "testsuite", {"name": fichier, "file": fichier})
        constats_par_regle = par_fichier[fichier]
        echecs_suite = 0
        if not constats_par_regle:
            _cas(suite, fichier, CAS_CONFORME, "aucun constat", [])
        for regle, constats in sorted(constats_par_regle.items()):
            titre = regles[regle].titre if regle in regles else ""
            echecs_suite += _cas(suite, fichier, regle, titre, constats)
        nombre = max(1, len(constats_par_regle))
        suite.attrib.update({"tests": str(nombre), "failures": str(echecs_suite), "errors": "0",
                             "skipped": "0", "time": "0"})
        total += nombre
        echecs += echecs_suite
    racine.attrib.update({"tests": str(total), "failures": str(echecs), "errors": "0", "time": "0"})
    ET.indent(racine)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(racine, encoding="unicode") + "\n"
