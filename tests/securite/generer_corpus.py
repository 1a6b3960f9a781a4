#!/usr/bin/env python3
"""Écrit le corpus hostile `tests/securite/corpus/` (petits fichiers, versionnés).

Usage : python tests/securite/generer_corpus.py [--force]

Chaque entrée est un fichier à valider seul (`cte validate corpus/<nom>`) ; ce qu'on en attend
(code de sortie, règle, fragment du message, ligne) est dans `corpus/attendu.yaml`, lu par
`test_corpus.py`. Les gros fichiers (20 Mo, 100 000 niveaux d'imbrication, ligne de 1 Mo),
les liens symboliques, tubes et fichiers illisibles sont fabriqués au moment du test.
"""

from __future__ import annotations

import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"

#: un comité local valide (FORMAT §5) : la base des entrées qui doivent passer
BASE = """type: comite
id: cle-21-plaine-dijonnaise
niveau: local
nom: Comité local pour l'emploi de la Plaine dijonnaise
region: "27"
departements: ["21"]
arrete: {reference: "Arrêté préfectoral n° 2024-1102", date: 2024-10-15}
installation: 2024-11-04
ressort:
  epci: ["200000925", "200069540"]
presidents:
  - {nom: Hélène Marchal, qualite: Préfète de la Côte-d'Or, college: etat}
  - {nom: Jean Colin, qualite: Président de la CC de la Plaine Dijonnaise, college: epci}
membres:
  - {nom: Sophie Arnaud, qualite: Sous-préfète de Beaune, college: etat, voix: 4}
  - {nom: Marc Petit, qualite: Conseiller régional, college: region, voix: 1}
  - {nom: Anne Roy, qualite: Conseillère départementale, college: departement, voix: 1}
  - {nom: Luc Faure, qualite: Vice-président emploi, college: epci, epci: "200000925", voix: 1}
  - {nom: Inès Blanc, qualite: Vice-présidente, college: epci, epci: "200069540", voix: 1}
  - {nom: Paul Henry, qualite: Directeur départemental de France Travail, college: france_travail}
  - {nom: Rita Simon, qualite: Présidente de la mission locale, college: mission_locale}
  - {nom: Yves Morel, qualite: Président de Cap emploi 21, college: cap_emploi}
invites:
  - {nom: Claire Diaz, qualite: Secrétaire générale, organisation: CFDT Côte-d'Or}
reglement_interieur:
  adopte_le: 2024-12-02
  reunions_par_an: 3
  secretariat: France Travail
  delai_convocation_jours: 10
  modalites_vote: consensus recherché, à défaut vote à la majorité des suffrages exprimés
"""

#: noms piégés : balises, guillemets, esperluette, emoji, retour à la ligne, RTL, formule
NOMS_PIEGES = BASE.replace(
    "{nom: Sophie Arnaud, qualite: Sous-préfète de Beaune, college: etat, voix: 4}",
    "nom: 'Zoé \"La Cheffe\" O''Brien & <Cie> 👩‍💼'\n"
    "    qualite: |-\n      Sous-préfète de Beaune\n      </w:t><w:t>injection & <b>gras</b>\n"
    "    college: etat\n    voix: 4\n    email: \"zoe.o'brien+cte@exemple.fr\"",
).replace(
    "{nom: Marc Petit, qualite: Conseiller régional, college: region, voix: 1}",
    "{nom: \"=HYPERLINK(\\\"http://exemple.invalid\\\";\\\"x\\\")\", qualite: \"+33 ; -1 ; @SOMME(A1)\", "
    "college: region, voix: 1}",
).replace(
    "{nom: Anne Roy, qualite: Conseillère départementale, college: departement, voix: 1}",
    "{nom: \"Anne \\u202eyoR\", qualite: \"BEGIN:VEVENT\\r\\nX-INJ:1; \\\\n, ;\", college: departement, voix: 1}",
).replace("- - - -", "")


def _imbrication_bloc(niveaux: int) -> str:
    return "type: comite\nnom:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(niveaux)) + " " * (niveaux + 1) + "v\n"


def _alias_chaine(maillons: int, crochets: int) -> str:
    lignes = ["type: comite", f"a0: &a0 {'[' * crochets}x{']' * crochets}"]
    lignes += [f"a{i}: &a{i} {'[' * crochets}*a{i - 1}{']' * crochets}" for i in range(1, maillons)]
    return "\n".join(lignes) + "\n"


def _milliard_de_rires() -> str:
    lignes = ["type: comite", 'lol0: &lol0 "lol"']
    for i in range(1, 10):
        lignes.append(f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 10)}]")
    return "\n".join(lignes) + "\nnom: *lol9\n"


def entrees() -> dict[str, bytes]:
    """Nom de fichier -> contenu exact."""
    u = lambda t: t.encode("utf-8")  # noqa: E731
    return {
        "alias-milliard-de-rires.yaml": u(_milliard_de_rires()),
        "alias-chaine-imbriquee.yaml": u(_alias_chaine(12, 12)),
        "imbrication-crochets.yaml": u("type: comite\nnom: " + "[" * 1000 + "]" * 1000 + "\n"),
        "imbrication-accolades.yaml": u("type: comite\nnom: " + "{a: " * 300 + "x" + "}" * 300 + "\n"),
        "imbrication-bloc.yaml": u(_imbrication_bloc(150)),
        "imbrication-tirets.yaml": u("type: comite\nnom:\n" + "- " * 500 + "x\n"),
        "binaire.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        "utf16-bom.yaml": BASE.encode("utf-16"),
        "utf16-sans-bom.yaml": BASE.encode("utf-16-be"),
        "utf8-bom.yaml": b"\xef\xbb\xbf" + u(BASE),
        "windows-1252.yaml": BASE.encode("cp1252", errors="replace"),
        "fins-de-ligne-crlf.yaml": u(BASE.replace("\n", "\r\n")),
        "fins-de-ligne-crlf-erreur.yaml": u(BASE.replace("installation:", "instalation:").replace("\n", "\r\n")),
        "fins-de-ligne-cr.yaml": u(BASE.replace("\n", "\r")),
        "tabulation-indentation.yaml": u(BASE.replace("  epci: [", "\tepci: [")),
        "tabulation-valeurs.yaml": u(BASE.replace("secretariat: France Travail", "secretariat: \"France\tTravail\"")),
        "etiquette-python.yaml": u(BASE.replace(
            "nom: Comité local pour l'emploi de la Plaine dijonnaise",
            "nom: !!python/object/apply:os.system [\"touch /tmp/cte-corpus-pwned\"]")),
        "etiquette-inconnue.yaml": u(BASE.replace("niveau: local", "niveau: !local local")),
        "plusieurs-documents.yaml": u(BASE + "---\n" + BASE),
        "vide.yaml": b"",
        "commentaires-seuls.yaml": u("# rien d'autre\n   \n# que des commentaires\n"),
        "liste-au-lieu-d-un-dictionnaire.yaml": u("- type: comite\n  id: cle-21\n"),
        "cle-dupliquee.yaml": u(BASE.replace("niveau: local\n", "niveau: local\nniveau: departemental\n")),
        "type-liste.yaml": u(BASE.replace("type: comite", "type: [comite]")),
        "type-dictionnaire.yaml": u(BASE.replace("type: comite", "type: {comite: 1}")),
        "entier-enorme.yaml": u(BASE.replace("voix: 4", "voix: " + "9" * 5000)),
        "date-hors-plage.yaml": u(BASE.replace("installation: 2024-11-04", "installation: 9999-12-31")),
        "date-fuseau-an-1.yaml": u(BASE.replace("installation: 2024-11-04", "installation: 0001-01-01T00:30:00+05:00")),
        "controles-terminal.yaml": u(BASE.replace("niveau: local", 'niveau: "\\e[2J\\e]0;pirate\\a\\rlocal"')),
        "controle-dans-un-nom.yaml": u(BASE.replace("Marc Petit", '"Marc\\0Petit\\e[31m"')),
        "demi-caractere-utf16.yaml": u(BASE.replace("Marc Petit", '"Marc \\uD800 Petit"')),
        "id-traversee.yaml": u(BASE.replace("id: cle-21-plaine-dijonnaise", "id: ../../../etc/passwd")),
        "id-barre.yaml": u(BASE.replace("id: cle-21-plaine-dijonnaise", "id: cle/21")),
        "noms-pieges.yaml": u(NOMS_PIEGES),
    }


def main() -> int:
    force = "--force" in sys.argv[1:]
    CORPUS.mkdir(exist_ok=True)
    for nom, contenu in entrees().items():
        cible = CORPUS / nom
        if cible.exists() and cible.read_bytes() != contenu and not force:
            print(f"différent (utilisez --force) : {cible}", file=sys.stderr)
            return 2
        cible.write_bytes(contenu)
    print(f"{len(entrees())} fichiers dans {CORPUS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
