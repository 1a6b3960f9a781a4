#!/usr/bin/env python3
"""Construit les modèles Word par défaut de `cte generate` (src/cte_cli/templates/*.docx).

Les modèles sont écrits ici avec python-docx, pour rester reproductibles et relisibles en
revue de code : styles réels (Titre, Titre 1, Titre 2, style « Article » numéroté
automatiquement « Article 1 – »), en-tête au nom du comité, pied de page « Page X sur Y »
(champs PAGE et NUMPAGES), A4 et marges de 2,5 cm, langue française, tableaux dont la ligne
d'en-tête se répète à chaque page et dont les lignes ne se coupent pas, titres solidaires du
paragraphe suivant, typographie française (espaces insécables avant « : ; ? ! » et dans les
guillemets), bloc de signature des coprésidents.

Les balises Jinja sont celles de docxtpl : `{{ … }}` dans le texte, `{%p … %}` seule dans un
paragraphe (le paragraphe disparaît au rendu), `{%tr … %}` seule dans une ligne de tableau,
`{%tc … %}` seule dans une cellule. Les variables disponibles sont décrites dans
docs/documents.md (la vue, `cte_cli.documents.vue`).

Le fichier produit est identique octet pour octet d'une exécution à l'autre (dates fixes dans
les métadonnées et l'archive) : un test le vérifie. Après toute modification de ce script :

    python scripts/construire_modeles.py            # réécrit src/cte_cli/templates/*.docx
    cte modeles verifier src/cte_cli/templates      # vérifie les modèles produits
"""

from __future__ import annotations

import argparse
import re
import sys
import zipfile
from collections.abc import Callable
from datetime import datetime
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE / "src"))

from cte_cli.documents.registre import DOCUMENTS  # noqa: E402
from cte_cli.documents.typographie import typographier  # noqa: E402

DOSSIER = RACINE / "src" / "cte_cli" / "templates"
DATE_FIXE = datetime(2024, 7, 1, 0, 0, 0)
POLICE = "Arial"
BLEU = RGBColor(0x00, 0x00, 0x91)  # bleu France de la charte de l'État
GRIS = RGBColor(0x55, 0x55, 0x55)
OMBRE_ENTETE = "E3E3FD"
OMBRE_COLLEGE = "F2F2F9"
NUM_ARTICLES = 90

_BALISE = re.compile(r"({{.*?}}|{%.*?%}|{#.*?#})", re.S)


def t(texte: str) -> str:
    """Typographie française sur le texte fixe, sans toucher aux balises Jinja."""
    return "".join(p if _BALISE.fullmatch(p) else typographier(p) for p in _BALISE.split(texte))


# --- styles et mise en page ------------------------------------------------------------------


def _police(element, nom: str) -> None:
    """Police explicite (sans police de thème) sur un w:rPr."""
    rfonts = element.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        element.insert(0, rfonts)
    for attr in list(rfonts.attrib):
        if attr.endswith("Theme"):
            del rfonts.attrib[attr]
    for cle in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(cle), nom)


def _style(doc, nom: str, taille: float, gras: bool = False, couleur: RGBColor | None = None,
           avant: float = 0, apres: float = 6, solidaire: bool = False, centre: bool = False):
    style = doc.styles[nom]
    style.font.size = Pt(taille)
    style.font.bold = gras
    style.font.italic = False
    style.font.color.rgb = couleur or RGBColor(0, 0, 0)
    couleur_xml = style.element.rPr.find(qn("w:color"))
    for attr in list(couleur_xml.attrib):
        if attr.endswith(("themeColor", "themeShade", "themeTint")):
            del couleur_xml.attrib[attr]
    _police(style.element.get_or_add_rPr(), POLICE)
    pf = style.paragraph_format
    pf.space_before, pf.space_after = Pt(avant), Pt(apres)
    pf.keep_with_next = solidaire
    if centre:
        pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    bordure = style.element.get_or_add_pPr().find(qn("w:pBdr"))
    if bordure is not None:
        bordure.getparent().remove(bordure)
    return style


def _styles(doc) -> None:
    styles = doc.styles
    defauts = styles.element.find(qn("w:docDefaults"))
    rpr = defauts.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _police(rpr, POLICE)
    langue = rpr.find(qn("w:lang"))
    if langue is None:
        langue = parse_xml(f"<w:lang {nsdecls('w')}/>")
        rpr.append(langue)
    for cle in ("w:val", "w:eastAsia", "w:bidi"):
        langue.set(qn(cle), "fr-FR")
    normal = styles["Normal"]
    normal.font.size = Pt(10.5)
    _police(normal.element.get_or_add_rPr(), POLICE)
    pf = normal.paragraph_format
    pf.space_after, pf.line_spacing, pf.widow_control = Pt(6), 1.1, True
    _style(doc, "Title", 20, gras=True, couleur=BLEU, apres=4, centre=True)
    _style(doc, "Subtitle", 13, gras=True, couleur=BLEU, apres=12, centre=True)
    _style(doc, "Heading 1", 12.5, gras=True, couleur=BLEU, avant=14, apres=6, solidaire=True)
    _style(doc, "Heading 2", 11, gras=True, avant=10, apres=4, solidaire=True)
    for nom in ("Header", "Footer"):
        _style(doc, nom, 8.5, couleur=GRIS, apres=0)
    article = styles.add_style("Article", 1)
    article.base_style = styles["Heading 1"]
    article.next_paragraph_style = normal
    article.element.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{NUM_ARTICLES}"/></w:numPr>'))
    tableau = styles.add_style("Texte de tableau", 1)
    tableau.base_style = normal
    tableau.font.size = Pt(9.5)
    tableau.paragraph_format.space_after = Pt(1)
    tableau.paragraph_format.line_spacing = 1.0
    petit = styles.add_style("Mention", 1)
    petit.base_style = normal
    petit.font.size = Pt(8.5)
    petit.font.color.rgb = GRIS
    _numerotation_articles(doc)


def _numerotation_articles(doc) -> None:
    """« Article 1 – », « Article 2 – »… : numérotation automatique du style Article."""
    numerotation = doc.part.numbering_part.element
    abstrait = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{NUM_ARTICLES}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:pStyle w:val="Article"/><w:lvlText w:val="Article %1 –"/><w:lvlJc w:val="left"/>'
        '<w:suff w:val="space"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr>'
        '<w:rPr><w:b/><w:color w:val="000091"/></w:rPr></w:lvl>'
        "</w:abstractNum>"
    )
    premier_num = numerotation.find(qn("w:num"))
    if premier_num is not None:
        premier_num.addprevious(abstrait)
    else:
        numerotation.append(abstrait)
    numerotation.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{NUM_ARTICLES}"><w:abstractNumId w:val="{NUM_ARTICLES}"/></w:num>'))


def _champ(paragraphe, code: str) -> None:
    """Un champ Word (PAGE, NUMPAGES) dans un paragraphe."""
    for xml in (
        '<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r {ns}><w:instrText xml:space="preserve"> ' + code + " </w:instrText></w:r>",
        '<w:r {ns}><w:fldChar w:fldCharType="separate"/></w:r>',
        "<w:r {ns}><w:t>1</w:t></w:r>",
        '<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraphe._p.append(parse_xml(xml.format(ns=nsdecls("w"))))


def _page(doc, entete: str) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.header_distance, section.footer_distance = Cm(1.2), Cm(1.0)
    haut = section.header.paragraphs[0]
    haut.style = doc.styles["Header"]
    haut.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    haut.add_run(t(entete))
    # ordre du schéma de w:pPr : pStyle, …, pBdr, …, jc (Word refuse un ordre différent)
    haut._p.get_or_add_pPr().find(qn("w:jc")).addprevious(parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="4" w:space="4" w:color="000091"/></w:pBdr>'))
    _entete_de_lettre(doc, section, entete)
    bas = section.footer.paragraphs[0]
    bas.style = doc.styles["Footer"]
    bas.alignment = WD_ALIGN_PARAGRAPH.CENTER
    bas.add_run("Page ")
    _champ(bas, "PAGE")
    bas.add_run(" sur ")
    _champ(bas, "NUMPAGES")
    premier_bas = section.first_page_footer.paragraphs[0]
    premier_bas.style = doc.styles["Footer"]
    premier_bas.alignment = WD_ALIGN_PARAGRAPH.CENTER
    premier_bas.add_run("Page ")
    _champ(premier_bas, "PAGE")
    premier_bas.add_run(" sur ")
    _champ(premier_bas, "NUMPAGES")


def _entete_de_lettre(doc, section, droite: str) -> None:
    """En-tête de la première page : logo, institution, service, adresse (variable `entete`,
    réglable dans modeles/entete.toml) à gauche ; l'objet du document à droite."""
    section.different_first_page_header_footer = True
    entete = section.first_page_header
    table = entete.add_table(rows=1, cols=2, width=Cm(16))
    table.autofit = False
    table._tbl.tblPr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    gauche, cote = table.rows[0].cells
    for colonne, cellule, largeur in zip(table.columns, (gauche, cote), (Cm(10.5), Cm(5.5)), strict=True):
        colonne.width = cellule.width = largeur
    lignes = [
        ("{%p if entete.logo %}", None), ("{{ entete.logo }}", None), ("{%p endif %}", None),
        ("**{{ entete.institution | upper }}**", 9.5),
        ("{{ entete.service }}", 9),
        ("{%p for ligne in entete.adresse %}", None), ("{{ ligne }}", 8.5), ("{%p endfor %}", None),
        ("{%p if entete.coordonnees %}", None), ("{{ entete.coordonnees | join(' – ') }}", 8.5),
        ("{%p endif %}", None),
    ]
    for i, (texte, taille) in enumerate(lignes):
        paragraphe = gauche.paragraphs[0] if i == 0 else gauche.add_paragraph()
        paragraphe.style = doc.styles["Header"]
        if texte.startswith("{%p") or texte == "{{ entete.logo }}":
            paragraphe.add_run(texte)
            continue
        for j, morceau in enumerate(texte.split("**")):
            if morceau:
                run = paragraphe.add_run(t(morceau))
                run.bold = True if j % 2 == 1 else None
                run.font.size = Pt(taille)
                run.font.color.rgb = BLEU if j % 2 == 1 else RGBColor(0, 0, 0)
    droite_p = cote.paragraphs[0]
    droite_p.style = doc.styles["Header"]
    droite_p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    droite_p.add_run(t(droite))
    entete.add_paragraph().style = doc.styles["Header"]


# --- rédaction -------------------------------------------------------------------------------


class Redacteur:
    """Écrit un modèle : paragraphes, articles numérotés, tableaux, balises docxtpl."""

    def __init__(self, titre_document: str, entete: str = "{{ comite.nom }}"):
        self.doc = Document()
        _styles(self.doc)
        _page(self.doc, entete)
        proprietes = self.doc.core_properties
        proprietes.title, proprietes.subject = titre_document, "Comités territoriaux pour l'emploi"
        proprietes.author = proprietes.last_modified_by = "cte"
        proprietes.language, proprietes.keywords = "fr-FR", "cte"
        proprietes.created = proprietes.modified = DATE_FIXE
        proprietes.revision = 1
        for paragraphe in self.doc.paragraphs:  # le modèle de python-docx peut en contenir un vide
            self.doc.element.body.remove(paragraphe._p)

    def p(self, texte: str = "", style: str | None = None, *, gras: bool = False, italique: bool = False,
          align: str | None = None, solidaire: bool = False, apres: float | None = None, avant: float | None = None):
        """Un paragraphe ; `**texte**` met en gras un segment."""
        paragraphe = self.doc.add_paragraph(style=style)
        self._runs(paragraphe, texte, gras, italique)
        self._format(paragraphe, align, solidaire, apres, avant)
        return paragraphe

    @staticmethod
    def _runs(paragraphe, texte: str, gras: bool = False, italique: bool = False) -> None:
        for i, morceau in enumerate(texte.split("**")):
            if morceau:
                run = paragraphe.add_run(t(morceau))
                run.bold = True if gras or i % 2 == 1 else None  # sinon le style décide
                run.italic = italique or None

    @staticmethod
    def _format(paragraphe, align: str | None, solidaire: bool, apres: float | None, avant: float | None) -> None:
        alignements = {"centre": WD_ALIGN_PARAGRAPH.CENTER, "droite": WD_ALIGN_PARAGRAPH.RIGHT,
                       "justifie": WD_ALIGN_PARAGRAPH.JUSTIFY}
        pf = paragraphe.paragraph_format
        if align:
            pf.alignment = alignements[align]
        if solidaire:
            pf.keep_with_next = True
        if apres is not None:
            pf.space_after = Pt(apres)
        if avant is not None:
            pf.space_before = Pt(avant)

    def texte(self, texte: str, **options):
        """Un paragraphe justifié de corps de texte."""
        options.setdefault("align", "justifie")
        return self.p(texte, **options)

    def balise(self, jinja: str) -> None:
        """`{%p … %}` seul dans son paragraphe : docxtpl retire le paragraphe au rendu."""
        assert jinja.startswith("{%p ") and jinja.endswith("%}"), jinja
        self.doc.add_paragraph(jinja)

    def titre(self, texte: str, sous_titre: str | None = None) -> None:
        self.p(texte, "Title")
        if sous_titre:
            self.p(sous_titre, "Subtitle")

    def titre_seance(self, titre: str) -> None:
        """Titre d'un document de séance : comité, nature et date de la séance, lieu."""
        self.titre(titre, "{{ comite.nom }}")
        self.p("{{ seance.intitule | majuscule }}{% if seance.heure is defined %} à {{ seance.heure }}{% endif %}"
               "{% if seance.nature == 'commission' %} – {{ seance.commission.nom }}{% endif %}",
               align="centre", gras=True, apres=2)
        self.p("{{ seance.lieu_complet }}", align="centre", apres=10)

    def article(self, titre: str, cle: str | None = None) -> None:
        """Un article numéroté par Word (« Article 1 – Objet ») ; le compteur Jinja `art.n` suit la
        même numérotation pour les renvois (`cle` : `art.<cle>` retient le numéro de l'article)."""
        retenir = f"{{% set art.{cle} = art.n %}}" if cle else ""
        self.p(f"{titre}{{% set art.n = art.n + 1 %}}{retenir}", "Article")

    def compteur(self, *cles: str) -> None:
        """Le compteur d'articles des renvois (« aux articles 7 et 8 »), en tête du document."""
        initiales = ", ".join(["n=0", *(f"{c}=0" for c in cles)])
        self.balise(f"{{%p set art = namespace({initiales}) %}}")

    def article_arrete(self, titre: str) -> None:
        """« Article 1er – Objet » d'un arrêté, numéroté par le modèle (compteur `art.n`)."""
        self.p("{% set art.n = art.n + 1 %}Article {{ art.n }}{{ 'er' if art.n == 1 else '' }}"
               + (f" – {titre}" if titre else ""), "Heading 2", avant=10)

    def groupe(self, intitule: str) -> None:
        """Intitulé d'un groupe (collège, catégorie) solidaire du tableau qui le suit."""
        self.p(intitule, "Heading 2", avant=8, apres=3)

    def fait_a(self, texte: str = "Fait à {{ entete.ville or '……………………' }}, le ……………………") -> None:
        self.p(texte, avant=14, solidaire=True)

    def titre2(self, titre: str) -> None:
        self.p(titre, "Heading 2")

    def titre1(self, titre: str) -> None:
        self.p(titre, "Heading 1")

    def saut_de_page(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def tableau(self, entetes: list[str], largeurs: list[float]):
        """Tableau dont la ligne d'en-tête se répète à chaque page."""
        table = self.doc.add_table(rows=0, cols=len(entetes))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        table._largeurs = largeurs
        for colonne, largeur in zip(table.columns, largeurs, strict=True):
            colonne.width = Cm(largeur)
        ligne = self.ligne(table, entetes, gras=True, ombre=OMBRE_ENTETE)
        ligne._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
        return table

    def ligne(self, table, textes: list[str], *, gras: bool = False, ombre: str | None = None, fusion: bool = False,
              hauteur: float | None = None):
        """Une ligne (insécable) ; une cellule peut contenir plusieurs paragraphes séparés par « ¶ » ;
        `hauteur` : hauteur minimale en cm (place pour une signature)."""
        ligne = table.add_row()
        ligne._tr.get_or_add_trPr().append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
        if hauteur:
            ligne.height = Cm(hauteur)
        for cellule, largeur in zip(ligne.cells, table._largeurs, strict=True):
            cellule.width = Cm(largeur)
        cellules = ligne.cells
        if fusion:
            cellules = [cellules[0].merge(cellules[-1])]
        for cellule, texte in zip(cellules, textes, strict=False):
            for j, morceau in enumerate(texte.split("¶")):
                paragraphe = cellule.paragraphs[0] if j == 0 else cellule.add_paragraph()
                paragraphe.style = self.doc.styles["Texte de tableau"]
                self._runs(paragraphe, morceau, gras)
            if ombre:
                cellule._tc.get_or_add_tcPr().append(
                    parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{ombre}"/>'))
        return ligne

    def balise_ligne(self, table, jinja: str) -> None:
        """`{%tr … %}` seul dans une ligne : docxtpl retire la ligne au rendu."""
        assert jinja.startswith("{%tr "), jinja
        ligne = table.add_row()
        ligne.cells[0].paragraphs[0].add_run(jinja)

    def signatures(self, intro: str, personnes: str = "comite.presidents", nom: str = "**{{ p.nom }}**") -> None:
        """Bloc de signature conjointe, une colonne par coprésident (R. 5311-44) : qualités sur une
        ligne, place de la signature et noms sur la suivante, pour que les noms restent alignés."""
        if intro:
            self.p(intro, solidaire=True, avant=12)
        table = self.doc.add_table(rows=2, cols=3)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for ligne, contenu in zip(table.rows, (["{{ p.qualite }}"], ["", "", "", nom]), strict=True):
            ligne._tr.get_or_add_trPr().append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
            debut, cellule, fin = ligne.cells
            debut.paragraphs[0].add_run(f"{{%tc for p in {personnes} %}}")
            fin.paragraphs[0].add_run("{%tc endfor %}")
            for i, texte in enumerate(contenu):
                paragraphe = cellule.paragraphs[0] if i == 0 else cellule.add_paragraph()
                paragraphe.alignment = WD_ALIGN_PARAGRAPH.CENTER
                paragraphe.paragraph_format.keep_with_next = True
                self._runs(paragraphe, texte)

    def octets(self) -> bytes:
        tampon = BytesIO()
        self.doc.save(tampon)
        return reproductible(tampon.getvalue())


def reproductible(donnees: bytes) -> bytes:
    """Réécrit l'archive avec des dates fixes : même contenu, mêmes octets."""
    source = zipfile.ZipFile(BytesIO(donnees))
    sortie = BytesIO()
    with zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            fixe = zipfile.ZipInfo(info.filename, date_time=DATE_FIXE.timetuple()[:6])
            fixe.compress_type = zipfile.ZIP_DEFLATED
            fixe.external_attr = 0o644 << 16
            archive.writestr(fixe, source.read(info.filename))
    return sortie.getvalue()


# --- règlement intérieur (R. 5311-45) --------------------------------------------------------


def _tableau_membres(r: Redacteur, boucle: str, entetes: list[str], largeurs: list[float], cellules: list[str],
                     hauteur: float | None = None) -> None:
    """Un groupe (intitulé solidaire du tableau) par collège : en-tête répété à chaque page,
    lignes insécables (l'intitulé d'un collège ne finit jamais seul une page)."""
    r.balise(f"{{%p for college in {boucle} %}}")
    r.groupe("{{ college.intitule }}{% if college.voix_deliberative %} (voix délibérative)"
             "{% elif college.code %} (sans voix délibérative){% endif %}")
    table = r.tableau(entetes, largeurs)
    r.balise_ligne(table, "{%tr for m in college.membres %}")
    r.ligne(table, cellules, hauteur=hauteur)
    r.balise_ligne(table, "{%tr endfor %}")
    r.balise("{%p endfor %}")


def reglement() -> bytes:
    r = Redacteur("Règlement intérieur")
    r.compteur("quorum", "votes", "convocation")
    r.titre("Règlement intérieur", "{{ comite.nom }}")
    r.balise("{%p if comite.reglement.adopte %}")
    r.p("Adopté en séance du {{ comite.reglement.adopte_le }}", align="centre", italique=True, apres=14)
    r.balise("{%p else %}")
    r.p("Projet soumis à l'adoption du comité", align="centre", italique=True, apres=14)
    r.balise("{%p endif %}")
    r.balise("{%p for visa in comite.visas %}")
    r.texte("Vu {{ visa }} ;", apres=2)
    r.balise("{%p endfor %}")
    r.texte("Le comité adopte le règlement intérieur suivant.", avant=8)

    r.article("Objet")
    r.texte("Le présent règlement fixe, en application de l'article R. 5311-45 du code du travail, les "
            "modalités d'organisation et de fonctionnement du {{ comite.niveau_libelle }} institué en "
            "application de l'article {{ comite.article_institution }} du même code : réunions, "
            "secrétariat des séances, diffusion des convocations, des documents de travail et des "
            "procès-verbaux, commissions.")
    r.texte("En application du II de l'article L. 5311-10 du code du travail, le comité a pour missions :",
            solidaire=True)
    r.balise("{%p for mission in comite.missions %}")
    r.texte("{{ loop.index }}° {{ mission }}{{ ' ;' if not loop.last else '.' }}", apres=2)
    r.balise("{%p endfor %}")
    r.balise('{%p if comite.niveau == "departemental" %}')
    r.texte("Son ressort est celui du département : {{ comite.departements | liste }}.", avant=6)
    r.balise('{%p elif comite.niveau == "local" %}')
    r.texte("Son ressort, arrêté par le préfet de département (R. 5311-30), comprend "
            "{{ comite.epci | length | pluriel('établissement public de coopération intercommunale', "
            "'établissements publics de coopération intercommunale') }} : {{ comite.epci | liste }}"
            "{% if comite.communes %}, ainsi que les communes de {{ comite.communes | liste }}{% endif %}.",
            avant=6)
    r.balise("{%p endif %}")

    r.article("Composition")
    r.balise("{%p if comite.arrete is defined %}")
    r.texte("La composition du comité est fixée par {{ comite.arrete.designation }}, dans le respect de "
            "l'article {{ comite.article_composition }} du code du travail.")
    r.balise("{%p endif %}")
    r.texte("Le comité comprend, outre ses coprésidents, "
            "{{ comite.nombre_membres | pluriel('membre titulaire', 'membres titulaires') }}, répartis "
            "entre les catégories de l'article {{ comite.article_composition }} du code du travail :",
            solidaire=True)
    _tableau_membres(r, "comite.colleges", ["Membre titulaire", "Fonction et organisation", "Suppléant(s)", "Voix"],
                     [4.7, 5.5, 4.4, 1.4], [
                         "{{ m.nom }}",
                         "{{ m.qualite }}{% if m.organisation is defined %}{{ '\\n' }}{{ m.organisation }}{% endif %}",
                         "{% for s in m.suppleants %}{{ s.nom }}, {{ s.qualite }}{{ '\\n' if not loop.last else '' }}"
                         "{% else %}—{% endfor %}",
                         "{% if m.voix_deliberative %}{{ m.voix | default('non fixées') }}{% else %}—{% endif %}",
                     ])
    r.texte("Les membres mentionnés à l'article R. 5311-36 du code du travail sont nommés pour trois "
            "ans renouvelables ; un ou plusieurs suppléants peuvent être nommés dans les mêmes "
            "conditions. Toute vacance ou perte de la qualité au titre de laquelle un membre a été "
            "désigné donne lieu à une nouvelle désignation pour la durée du mandat restant à courir.",
            avant=8)
    r.balise("{%p if comite.invites %}")
    r.texte("Participent aux travaux du comité, sans prendre part aux votes, sur invitation conjointe de "
            "ses coprésidents ({{ comite.article_invites }}) :", solidaire=True)
    r.balise("{%p for v in comite.invites %}")
    r.texte("– {{ v.nom }}, {{ v.qualite | minuscule }}{% if v.organisation is defined %} ({{ v.organisation }})"
            "{% endif %}{{ ' ;' if not loop.last else '.' }}", apres=2)
    r.balise("{%p endfor %}")
    r.balise("{%p endif %}")

    r.article("Coprésidence")
    r.texte("En application de l'article {{ comite.article_copresidence }} du code du travail, le comité est "
            "présidé conjointement par {{ comite.copresidence }} :", solidaire=True)
    r.balise("{%p for p in comite.presidents %}")
    r.texte("– {{ p.nom }}, {{ p.qualite | minuscule }}{{ ' ;' if not loop.last else '.' }}", apres=2)
    r.balise("{%p endfor %}")

    r.article("Commissions")
    r.balise("{%p for c in comite.commissions %}")
    r.titre2("{{ c.nom }}")
    r.balise("{%p if c.iae %}")
    r.texte("Commission spécialisée compétente dans le domaine de l'inclusion et de l'insertion par "
            "l'activité économique prévue à l'article R. 5311-26 du code du travail, elle a notamment pour "
            "missions :", solidaire=True)
    r.balise("{%p for mission in c.missions %}")
    r.texte("{{ loop.index }}° {{ mission }}{{ ' ;' if not loop.last else '.' }}", apres=2)
    r.balise("{%p endfor %}")
    r.balise("{%p else %}")
    r.texte("Commission créée par le présent règlement, en application de l'article R. 5311-45 du code "
            "du travail.")
    r.balise("{%p endif %}")
    r.balise("{%p if c.membres %}")
    r.texte("Elle est composée de : {{ c.membres | liste }}.", avant=4)
    r.balise("{%p endif %}")
    r.balise("{%p endfor %}")
    r.balise("{%p if comite.reglement.commissions_fonctionnement is defined %}")
    r.titre2("Fonctionnement des commissions")
    r.texte("{{ comite.reglement.commissions_fonctionnement | phrase }}")
    r.balise("{%p elif not comite.commissions %}")
    r.texte("Le comité peut créer, par une modification du présent règlement, des commissions dont il "
            "fixe les règles de fonctionnement (article R. 5311-45).")
    r.balise("{%p endif %}")

    r.article("Réunions")
    r.texte("Le comité se réunit au moins {{ comite.reglement.reunions_par_an }} fois par an.")
    r.balise('{%p if comite.niveau in ("regional", "departemental") %}')
    r.texte("Les coprésidents convoquent au moins une fois par an une réunion plénière à laquelle ils "
            "associent l'ensemble des personnes morales mentionnées au III de l'article L. 5311-7 du code "
            "du travail qui participent effectivement au réseau pour l'emploi ; les présidents des comités "
            "locaux pour l'emploi y sont invités (article "
            "{{ 'R. 5311-27' if comite.niveau == 'departemental' else 'R. 5311-21' }}).")
    r.balise("{%p endif %}")
    r.texte("Le comité réunit au moins une fois par an une conférence des financeurs pour l'insertion "
            "sociale et professionnelle, afin de recenser les ressources mobilisables, leurs conditions de "
            "mobilisation et leur adaptation aux résultats constatés (4° du II de l'article L. 5311-10 ; "
            "instruction DGEFP/DAT/2024/92).")
    r.texte("Lorsque les circonstances le justifient, le comité peut se réunir par visioconférence ou "
            "délibérer à distance dans les conditions prévues par l'ordonnance n° 2014-1329 du 6 novembre "
            "2014 et le décret n° 2014-1627 du 26 décembre 2014 (article R. 5311-42) ; les membres qui y "
            "participent sont comptés comme présents pour le quorum et les votes (articles R. 5311-40 et "
            "R. 5311-41).")

    r.article("Convocation et ordre du jour", cle="convocation")
    r.texte("Le comité se réunit sur convocation conjointe de ses coprésidents, qui fixent l'ordre du jour "
            "(article R. 5311-44). La convocation indique la date, l'heure, le lieu et l'ordre du jour de "
            "la séance ; elle est adressée aux membres titulaires, avec copie à leurs suppléants, au moins "
            "{{ comite.reglement.delai_convocation_jours }} jours avant la séance, accompagnée des documents "
            "de travail. Elle est transmise par voie électronique.")

    r.article("Quorum", cle="quorum")
    r.texte("Le comité délibère valablement lorsque la moitié au moins de ses membres ayant voix "
            "délibérative sont présents, y compris par visioconférence, ou représentés (article R. 5311-40). "
            "Dans sa composition actuelle, le comité compte "
            "{{ comite.votants | pluriel('membre', 'membres') }} ayant voix délibérative, coprésidents "
            "compris : le quorum est atteint avec {{ comite.quorum }} membres présents ou représentés.")
    r.texte("Lorsque le quorum n'est pas atteint, le comité délibère valablement sans condition de quorum "
            "après une nouvelle convocation portant sur le même ordre du jour et spécifiant qu'aucun "
            "quorum ne sera exigé.")

    r.article("Délibérations et votes", cle="votes")
    r.texte("Conformément à l'instruction DGEFP/DAT/2024/92, le comité recherche le consensus. À défaut, "
            "les décisions et avis sont adoptés à la majorité des suffrages exprimés par les membres "
            "présents ou représentés ayant voix délibérative ; le représentant de l'État qui assure la "
            "coprésidence ({{ comite.president_etat.qualite | minuscule }}) a voix prépondérante en cas de "
            "partage égal des voix (article R. 5311-41).")
    r.texte("Outre les coprésidents, seuls les membres mentionnés à l'article R. 5311-37 du code du travail "
            "ont voix délibérative ; le nombre de voix de chacun est arrêté par le préfet dans les conditions "
            "de l'article {{ comite.article_voix }}.")
    r.balise("{%p if comite.reglement.modalites_vote is defined %}")
    r.texte("Le comité précise en outre ses modalités de vote : {{ comite.reglement.modalites_vote | phrase(false) }}")
    r.balise("{%p endif %}")

    r.article("Suppléance et pouvoirs")
    r.texte("Un membre empêché se fait remplacer par son suppléant. En l'absence de suppléant désigné ou "
            "lorsqu'il ne peut pas se faire remplacer par son suppléant, tout membre du comité peut, en cas "
            "d'absence ou d'empêchement, donner mandat à un autre membre du même collège, titulaire ou "
            "suppléant, pour le représenter (article R. 5311-43). Le pouvoir, écrit et signé, est remis "
            "au secrétariat avant l'ouverture de la séance.")

    r.article("Secrétariat")
    r.texte("Secrétariat des séances : {{ comite.reglement.secretariat | phrase(false) }}")
    r.texte("Le secrétariat prépare et diffuse les convocations et les documents de travail dans le délai prévu à "
            "l'article {{ art.convocation }}, tient la feuille d'émargement, établit le relevé de décisions "
            "et le procès-verbal de chaque séance.")

    r.article("Relevé de décisions et procès-verbal")
    r.texte("Chaque séance donne lieu à un relevé de décisions et à un procès-verbal, qui mentionnent les "
            "membres présents et représentés, le quorum et le sens des délibérations, avec le décompte des "
            "voix. Ils sont validés par les coprésidents, diffusés à tous les membres du comité et approuvés "
            "lors de la séance suivante.")

    r.balise('{%p if comite.niveau == "departemental" %}')
    r.article("Demandes d'audit")
    r.texte("Tout membre ayant voix délibérative peut adresser, par tout moyen, au préfet et au président "
            "du conseil départemental une demande d'inscription à l'ordre du jour d'un audit d'un opérateur "
            "du réseau pour l'emploi mentionné aux 2° et 3° du II de l'article L. 5311-7 ou d'un organisme "
            "délégataire d'une collectivité territoriale ou de l'un de ses groupements ; la demande est "
            "inscrite à l'ordre du jour de la prochaine séance plénière, au plus tard six mois après sa "
            "réception par le préfet (article R. 5311-3-5).")
    r.balise("{%p if comite.reglement.modalites_audit is defined %}")
    r.texte("Information de la collectivité ou du groupement concerné et recueil de son accord (article "
            "R. 5311-3-6) : {{ comite.reglement.modalites_audit | phrase(false) }}")
    r.balise("{%p else %}")
    r.texte("Lorsque la demande vise un organisme délégataire, les coprésidents en informent par écrit la "
            "collectivité ou le groupement concerné dès sa réception et recueillent son accord écrit sur le "
            "principe et les modalités de l'audit avant la délibération (article R. 5311-3-6).")
    r.balise("{%p endif %}")
    r.balise('{%p elif comite.niveau == "local" %}')
    r.article("Signalement de manquements")
    r.texte("Tout membre ayant voix délibérative peut, dans la limite du ressort du comité, signaler aux "
            "coprésidents, de manière détaillée et argumentée, les manquements constatés d'un opérateur du "
            "réseau pour l'emploi ou d'un organisme délégataire d'une collectivité (article R. 5311-3-8). "
            "L'examen du signalement est inscrit à l'ordre du jour de la prochaine séance plénière, au plus "
            "tard six mois après sa réception ; après délibération, le comité peut saisir le comité "
            "départemental pour l'emploi d'une demande d'audit (article R. 5311-3-9).")
    r.balise("{%p endif %}")

    r.article("Association des usagers")
    r.balise("{%p if comite.reglement.representation_usagers is defined %}")
    r.texte("En application de l'article R. 5311-46 du code du travail, "
            "{{ comite.reglement.representation_usagers | phrase(false) }}")
    r.balise("{%p else %}")
    r.texte("Le comité définit, en lien avec les comités de liaison mentionnés à l'article L. 5411-9 du code "
            "du travail situés dans son ressort, les modalités d'association de représentants des usagers à "
            "ses travaux (article R. 5311-46).")
    r.balise("{%p endif %}")

    r.article("Modification du règlement")
    r.texte("Le présent règlement peut être modifié par le comité, sur proposition des coprésidents ou "
            "d'au moins un tiers des membres ayant voix délibérative, dans les conditions de quorum et de "
            "vote prévues aux articles {{ art.quorum }} et {{ art.votes }}.")

    r.article("Entrée en vigueur")
    r.balise("{%p if comite.reglement.adopte %}")
    r.texte("Le présent règlement a été adopté par le comité en séance du {{ comite.reglement.adopte_le }}. "
            "Il entre en vigueur à cette date.")
    r.balise("{%p else %}")
    r.texte("Le présent règlement entre en vigueur à la date de son adoption par le comité.")
    r.balise("{%p endif %}")
    r.fait_a("Fait à {{ entete.ville or '……………………' }}, le {{ comite.reglement.adopte_le "
             "if comite.reglement.adopte else '……………………' }}")
    r.signatures("Les coprésidents du comité,")
    return r.octets()


# --- convocation (R. 5311-44), coupon-réponse et pouvoir (R. 5311-43) ------------------------

REUNION = ("{% if seance.nature == 'commission' %}réunion de la {{ seance.commission.nom | minuscule }}"
           "{% else %}{{ seance.nature_libelle }} du comité{% endif %}")


def _visio_et_quorum(r: Redacteur) -> None:
    r.balise("{%p if seance.visio.compte_pour_quorum %}")
    r.p("Les membres qui participent par visioconférence sont comptés comme présents pour le quorum et "
        "prennent part aux votes (articles R. 5311-40 à R. 5311-42 du code du travail).", "Mention",
        align="justifie")
    r.balise("{%p else %}")
    r.p("La visioconférence permet seulement de suivre la séance : pour être compté présent et voter, "
        "assistez-y sur place, faites-vous remplacer par votre suppléant ou donnez pouvoir.", "Mention",
        align="justifie")
    r.balise("{%p endif %}")


def _informations_pratiques(r: Redacteur, membre: bool = True) -> None:
    """Date, lieu, salle, adresse, visioconférence, ordre du jour, documents ; `membre` : la
    convocation d'un membre (la visioconférence compte-t-elle pour le quorum et les votes)."""
    r.p("**Date** : {{ seance.date }}{% if seance.heure_fin is defined %} (fin prévue à {{ seance.heure_fin }})"
        "{% endif %}", apres=2, solidaire=True)
    r.p("**Lieu** : {{ seance.lieu }}{% if seance.salle is defined %}, {{ seance.salle }}{% endif %}",
        apres=2, solidaire=True)
    r.balise("{%p if seance.adresse is defined %}")
    r.p("**Adresse** : {{ seance.adresse.texte }}", apres=2, solidaire=True)
    r.balise("{%p endif %}")
    r.balise("{%p if seance.visio is defined %}")
    r.p("**Visioconférence** : {{ seance.visio.lien }}{% if seance.visio.acces %} (accès : {{ seance.visio.acces }})"
        "{% endif %}", apres=2)
    if membre:
        _visio_et_quorum(r)
    r.balise("{%p endif %}")
    r.texte("L'ordre du jour, arrêté conjointement par les coprésidents, est le suivant :", solidaire=True, avant=8)
    r.balise("{%p for point in seance.ordre_du_jour %}")
    r.texte("{{ loop.index }}. {{ point }}", apres=2)
    r.balise("{%p endfor %}")
    r.balise("{%p if seance.sans_quorum %}")
    r.texte("Le quorum n'ayant pas été atteint lors de la précédente séance, cette nouvelle convocation "
            "du {{ seance.premiere_convocation }} porte sur le même ordre du jour : conformément à l'article "
            "R. 5311-40 du code du travail, **aucun quorum ne sera exigé** et le comité délibérera "
            "valablement quel que soit le nombre de membres présents ou représentés.", avant=8)
    r.balise("{%p endif %}")
    r.balise("{%p if seance.documents %}")
    r.texte("Documents de travail :", solidaire=True, avant=8)
    r.balise("{%p for piece in seance.documents %}")
    r.texte("– {{ piece.titre }}{% if piece.lien %} : {{ piece.lien }}{% else %} (joint){% endif %}"
            "{{ ' ;' if not loop.last else '.' }}", apres=2)
    r.balise("{%p endfor %}")
    r.balise("{%p else %}")
    r.texte("Les documents de travail vous seront adressés par le secrétariat du comité"
            "{% if seance.delai_convocation is defined %}, au plus tard "
            "{{ seance.delai_convocation }} jours avant la séance{% endif %}.", avant=8)
    r.balise("{%p endif %}")


def _reponse(r: Redacteur) -> None:
    r.texte("Nous vous remercions de faire connaître votre réponse"
            "{% if seance.reponse_avant is defined %} avant le {{ seance.reponse_avant }}{% endif %} au moyen du "
            "coupon-réponse ci-joint{% if seance.contact is defined %}, auprès du secrétariat : "
            "{{ seance.contact.texte }}{% endif %}.", avant=6)


def _debut_de_lettre(r: Redacteur, qui: str) -> None:
    """Expéditeur (les coprésidents), destinataire (`qui` : destinataire ou invite), lieu et date."""
    r.p("**{{ comite.nom }}**", apres=0)
    r.p("Les coprésidents", "Mention", apres=18)
    r.p(f"**{{{{ {qui}.nom }}}}**", align="droite", apres=0)
    r.p(f"{{{{ {qui}.qualite }}}}", align="droite", apres=0)
    r.balise(f"{{%p if {qui}.organisation is defined and {qui}.organisation %}}")
    r.p(f"{{{{ {qui}.organisation }}}}", align="droite", apres=0)
    r.balise("{%p endif %}")
    r.p("{% if entete.ville %}{{ entete.ville }}, le{% else %}Le{% endif %} {{ document.date }}",
        align="droite", avant=18, apres=18)


def convocation() -> bytes:
    r = Redacteur("Convocation")
    _debut_de_lettre(r, "destinataire")
    r.balise('{%p if seance.nature == "commission" %}')
    r.p("**Objet : convocation à la réunion de la {{ seance.commission.nom | minuscule }} du "
        "{{ seance.jour }}**", apres=12)
    r.balise("{%p else %}")
    r.p("**Objet : convocation à la {{ seance.nature_libelle }} du comité du {{ seance.jour }}**", apres=12)
    r.balise("{%p endif %}")
    r.texte("Madame, Monsieur,")
    r.balise('{%p if destinataire.rang %}')
    r.texte("En application de l'article R. 5311-44 du code du travail, nous avons l'honneur de vous "
            "convoquer, en votre qualité de membre titulaire du comité au titre du collège « "
            "{{ destinataire.college_libelle }} » ({{ destinataire.rang }} de l'article "
            "{{ comite.article_composition }}), à la " + REUNION + ", qui se tiendra :", solidaire=True)
    r.balise("{%p else %}")
    r.texte("Nous avons l'honneur de vous convier, en votre qualité de membre de la "
            "{{ seance.commission.nom | minuscule }}, à sa réunion, qui se tiendra :", solidaire=True)
    r.balise("{%p endif %}")
    _informations_pratiques(r)
    _reponse(r)
    r.balise("{%p if destinataire.suppleants %}")
    r.texte("Si vous ne pouvez pas y assister, nous vous remercions d'en informer le secrétariat et de vous "
            "faire remplacer par votre suppléant ({{ destinataire.suppleants | map(attribute='nom') | liste(' ou ') }}), "
            "destinataire d'une copie de la présente convocation.")
    r.balise("{%p endif %}")
    r.balise("{%p if destinataire.rang %}")
    r.texte("En l'absence de suppléant désigné, ou si votre suppléant ne peut pas vous remplacer, vous "
            "pouvez donner mandat à un autre membre du même collège, titulaire ou suppléant, pour vous "
            "représenter (article R. 5311-43 du code du travail), au moyen du pouvoir joint en annexe, à "
            "remettre au secrétariat avant l'ouverture de la séance.")
    r.balise("{%p endif %}")
    r.texte("Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
            avant=6)
    r.signatures("Les coprésidents du comité,")
    r.balise("{%p for s in destinataire.suppleants %}")
    r.p("Copie : {{ s.nom }}, {{ s.qualite | minuscule }}, suppléant", "Mention", apres=0)
    r.balise("{%p endfor %}")

    r.saut_de_page()
    r.titre1("Coupon-réponse")
    r.p("À retourner{% if seance.reponse_avant is defined %} avant le {{ seance.reponse_avant }}{% endif %} au "
        "secrétariat du comité{% if seance.contact is defined %} : {{ seance.contact.texte }}{% endif %}",
        "Mention", apres=10)
    r.texte("Je soussigné(e) **{{ destinataire.nom }}**, {{ destinataire.qualite | minuscule }}, convoqué(e) à la "
            + REUNION + " du {{ seance.date }} :", solidaire=True)
    r.texte("☐ serai présent(e) sur place", apres=2, solidaire=True)
    r.balise("{%p if seance.visio is defined %}")
    r.texte("☐ participerai par visioconférence", apres=2, solidaire=True)
    r.balise("{%p endif %}")
    r.balise("{%p if destinataire.suppleants %}")
    r.texte("☐ serai remplacé(e) par mon suppléant : {{ destinataire.suppleants | map(attribute='nom') | liste(' ou ') }}",
            apres=2, solidaire=True)
    r.balise("{%p endif %}")
    r.balise("{%p if destinataire.rang %}")
    r.texte("☐ donne pouvoir à un membre du même collège (pouvoir ci-après)", apres=2, solidaire=True)
    r.balise("{%p endif %}")
    r.texte("☐ ne pourrai ni assister à la séance ni me faire représenter", apres=2)
    r.fait_a()
    r.p("Signature :", avant=4, apres=40)

    r.balise("{%p if destinataire.rang %}")
    r.titre1("Annexe – Pouvoir")
    r.p("(article R. 5311-43 du code du travail)", "Mention", apres=12)
    r.texte("Je soussigné(e) **{{ destinataire.nom }}**, {{ destinataire.qualite | minuscule }}, membre du "
            "{{ comite.nom | minuscule }} au titre du collège « {{ destinataire.college_libelle }} »,")
    r.texte("donne pouvoir, pour me représenter à la " + REUNION + " du {{ seance.date }} (lieu : "
            "{{ seance.lieu }}) et prendre part en mon nom aux délibérations et aux votes, à un membre du même "
            "collège, titulaire ou suppléant (cocher un seul nom) :", avant=6, solidaire=True)
    r.balise("{%p for nom in destinataire.mandataires_possibles %}")
    r.texte("☐ {{ nom }}", apres=1, solidaire=True)
    r.balise("{%p else %}")
    r.texte("Aucun autre membre du même collège : le pouvoir ne peut être donné (article R. 5311-43).")
    r.balise("{%p endfor %}")
    r.fait_a()
    table = r.doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cellule, texte in zip(table.rows[0].cells, ("Signature du mandant", "Signature du mandataire, "
                                                    "précédée de la mention « Bon pour acceptation »"),
                              strict=True):
        cellule.paragraphs[0].add_run(t(texte))
        cellule.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    r.balise("{%p endif %}")
    return r.octets()


# --- invitation d'une personne invitée, sans voix (R. 5311-19, -25, -34) ------------------------


def invitation() -> bytes:
    r = Redacteur("Invitation")
    _debut_de_lettre(r, "invite")
    r.p("**Objet : invitation à la {{ seance.nature_libelle }} du {{ comite.nom | minuscule }} du "
        "{{ seance.jour }}**", apres=12)
    r.texte("Madame, Monsieur,")
    r.texte("Les coprésidents du {{ comite.nom | minuscule }} ont le plaisir de vous inviter à participer aux "
            "travaux du comité, sans prendre part aux votes (article {{ comite.article_invites }} du code du "
            "travail), lors de sa {{ seance.nature_libelle }}, qui se tiendra :", solidaire=True)
    _informations_pratiques(r, membre=False)
    _reponse(r)
    r.texte("Votre participation éclairera les travaux du comité ; vous pourrez y présenter vos observations, "
            "sans prendre part aux délibérations.")
    r.texte("Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
            avant=6)
    r.signatures("Les coprésidents du comité,")

    r.saut_de_page()
    r.titre1("Coupon-réponse")
    r.p("À retourner{% if seance.reponse_avant is defined %} avant le {{ seance.reponse_avant }}{% endif %} au "
        "secrétariat du comité{% if seance.contact is defined %} : {{ seance.contact.texte }}{% endif %}",
        "Mention", apres=10)
    r.texte("**{{ invite.nom }}**, {{ invite.qualite | minuscule }}{% if invite.organisation is defined %} "
            "({{ invite.organisation }}){% endif %}, invité(e) à la {{ seance.nature_libelle }} du "
            "{{ seance.date }} :", solidaire=True)
    r.texte("☐ participera sur place", apres=2, solidaire=True)
    r.balise("{%p if seance.visio is defined %}")
    r.texte("☐ participera par visioconférence", apres=2, solidaire=True)
    r.balise("{%p endif %}")
    r.texte("☐ sera représenté(e) par : ……………………………………………………", apres=2, solidaire=True)
    r.texte("☐ ne participera pas", apres=2)
    r.fait_a()
    r.p("Signature :", avant=4, apres=40)
    return r.octets()


# --- feuille d'émargement --------------------------------------------------------------------


def emargement() -> bytes:
    r = Redacteur("Feuille d'émargement")
    r.titre_seance("Feuille d'émargement")
    r.texte("Quorum (article R. 5311-40 du code du travail) : la moitié au moins des "
            "{{ seance.votants }} membres ayant voix délibérative, coprésidents compris, présents ou "
            "représentés, soit **{{ seance.requis }}**. Un membre représenté par un pouvoir (article "
            "R. 5311-43) est inscrit dans le tableau des pouvoirs, que le mandataire signe"
            "{% if seance.visio is defined %} ; un membre présent par visioconférence est émargé par le "
            "secrétariat{% if not seance.visio.compte_pour_quorum %}, sans compter pour le quorum{% endif %}"
            "{% endif %}.")
    r.balise('{%p if seance.nature != "commission" %}')
    r.titre1("Coprésidents")
    table = r.tableau(["Nom", "Qualité", "Signature"], [4.5, 6.5, 5.0])
    r.balise_ligne(table, "{%tr for p in comite.presidents %}")
    r.ligne(table, ["{{ p.nom }}", "{{ p.qualite }}", ""], hauteur=1.3)
    r.balise_ligne(table, "{%tr endfor %}")
    r.balise("{%p endif %}")
    r.titre1("Membres")
    _tableau_membres(r, "seance.colleges", ["Membre titulaire", "Suppléant(s)", "Présent", "Signature"],
                     [5.3, 3.5, 3.0, 4.2], [
                         "**{{ m.nom }}**¶{{ m.qualite }}{% if m.organisation is defined and m.organisation %}, "
                         "{{ m.organisation }}{% endif %}",
                         "{% for s in m.suppleants %}{{ s.nom }}{{ '\\n' if not loop.last else '' }}{% else %}—{% endfor %}",
                         "□ titulaire{% if m.suppleants %}{{ '\\n' }}□ suppléant{% endif %}"
                         "{% if seance.visio is defined %}{{ '\\n' }}□ à distance{% endif %}",
                         "",
                     ], hauteur=1.3)

    r.titre1("Pouvoirs (article R. 5311-43)")
    table = r.tableau(["Membre représenté", "Collège", "Mandataire (même collège)", "Signature du mandataire"],
                      [4.4, 3.6, 4.0, 4.0])
    r.balise_ligne(table, "{%tr for mandat in seance.representes | default([]) %}")
    r.ligne(table, ["{{ mandat.membre }}", "{{ mandat.college_libelle }}", "{{ mandat.mandataire }}", ""],
            hauteur=1.3)
    r.balise_ligne(table, "{%tr endfor %}")
    for _ in range(3):
        r.ligne(table, ["", "", "", ""], hauteur=1.3)

    r.balise('{%p if comite.invites and seance.nature != "commission" %}')
    r.titre1("Personnes invitées, sans voix délibérative")
    table = r.tableau(["Nom", "Qualité et organisation", "Signature"], [4.5, 6.5, 5.0])
    r.balise_ligne(table, "{%tr for v in comite.invites %}")
    r.ligne(table, ["{{ v.nom }}", "{{ v.qualite }}{% if v.organisation is defined %}, {{ v.organisation }}"
                    "{% endif %}", ""], hauteur=1.3)
    r.balise_ligne(table, "{%tr endfor %}")
    r.balise("{%p endif %}")
    r.p("Feuille tenue par le secrétariat du comité, à annexer au procès-verbal de la séance.", "Mention",
        avant=10)
    r.fait_a("Fait à {{ entete.ville or '……………………' }}, le {{ seance.jour }}")
    r.signatures("Certifié exact, les coprésidents du comité,")
    return r.octets()


# --- relevé de décisions ---------------------------------------------------------------------


def releve() -> bytes:
    r = Redacteur("Relevé de décisions")
    r.titre_seance("Relevé de décisions")

    r.titre1("Présences")
    table = r.tableau(["Présent", "Qualité", "Collège", "Au titre de"], [3.6, 5.0, 4.3, 3.1])
    r.balise_ligne(table, "{%tr for p in seance.presents %}")
    r.ligne(table, ["{{ p.nom }}", "{{ p.qualite }}", "{{ p.college_libelle | majuscule }}",
                    "{{ p.role }}{% if p.a_distance %} (à distance){% endif %}"])
    r.balise_ligne(table, "{%tr endfor %}")
    r.balise("{%p if seance.representes %}")
    r.p("**Membres représentés (article R. 5311-43)** :", avant=8, solidaire=True)
    r.balise("{%p for mandat in seance.representes %}")
    r.texte("– {{ mandat.membre }}, pouvoir à {{ mandat.mandataire }}"
            "{% if not mandat.effectif %} (pouvoir écarté : le mandataire doit être membre du même collège, "
            "R. 5311-43){% endif %}"
            "{{ ' ;' if not loop.last else '.' }}", apres=2)
    r.balise("{%p endfor %}")
    r.balise("{%p endif %}")
    r.balise("{%p if seance.absents %}")
    r.p("**Membres ayant voix délibérative absents** : {{ seance.absents | liste }}.", avant=8)
    r.balise("{%p endif %}")

    r.titre1("Quorum")
    r.texte("{{ seance.quorum.constat }}", gras=True)

    r.titre1("Ordre du jour et décisions")
    r.balise("{%p if seance.quorum.peut_deliberer or not seance.quorum.applicable %}")
    r.p("Les décisions et avis sont recherchés par consensus ; à défaut, ils sont adoptés à la majorité des "
        "suffrages exprimés par les membres présents ou représentés ayant voix délibérative, chacun pour le "
        "nombre de voix que lui attribue l'arrêté du préfet, le représentant de l'État ayant voix prépondérante "
        "en cas de partage égal des voix (article R. 5311-41).", "Mention", align="justifie")
    r.balise("{%p for point in seance.points %}")
    r.titre2("Point {{ point.numero }} – {{ point.intitule }}")
    r.balise("{%p if seance.deliberations is defined %}")
    r.balise("{%p for d in point.decisions %}")
    r.texte("**{{ d.nature | majuscule }}** – {{ d.texte }}", avant=2, apres=3, solidaire=True)
    r.balise("{%p if not d.consensus %}")
    r.texte("Vote : {{ d.vote.detail }}.", apres=2, solidaire=True)
    r.balise("{%p for ligne in d.vote.votants %}")
    r.p("{{ ligne | majuscule }}.", "Mention", apres=1, solidaire=True)
    r.balise("{%p endfor %}")
    r.balise("{%p endif %}")
    r.texte("**{{ d.constat }}**", apres=6)
    r.balise("{%p else %}")
    r.texte("Point d'information : le comité n'a pas délibéré.")
    r.balise("{%p endfor %}")
    r.balise("{%p else %}")
    r.texte("Décision ou avis : [à compléter]")
    r.texte("Adoption : ☐ par consensus   ☐ par vote – pour : [ ]  contre : [ ]  abstentions : [ ]")
    r.balise("{%p endif %}")
    r.balise("{%p endfor %}")
    r.balise("{%p else %}")
    r.texte("Faute de quorum, le comité n'a pas délibéré sur les points inscrits à l'ordre du jour :",
            solidaire=True)
    r.balise("{%p for point in seance.ordre_du_jour %}")
    r.texte("{{ loop.index }}. {{ point }}", apres=2)
    r.balise("{%p endfor %}")
    r.texte("Ils seront examinés lors d'une nouvelle séance, convoquée sur le même ordre du jour, au cours "
            "de laquelle aucun quorum ne sera exigé (article R. 5311-40).", avant=6)
    r.balise("{%p endif %}")
    r.fait_a("Fait à {{ entete.ville or '……………………' }}, le {{ document.date }}")
    r.signatures("Les coprésidents du comité,")
    return r.octets()


# --- arrêtés du préfet -------------------------------------------------------------------------


def _debut_arrete(r: Redacteur) -> None:
    """Référence, objet, auteur(s), visas, considérants, proposition, « ARRÊTE »."""
    r.balise("{%p set art = namespace(n=0) %}")
    r.p("**{{ acte.reference }}**", align="centre", apres=0, avant=6)
    r.p("**du {{ acte.date }}**", align="centre", apres=6)
    r.p("**{{ acte.objet | majuscule }}**", align="centre", apres=16)
    r.p("**{{ acte.auteurs }}**", align="centre", apres=12)
    r.balise("{%p for visa in acte.visas %}")
    r.texte("Vu {{ visa }} ;", apres=3)
    r.balise("{%p endfor %}")
    r.balise("{%p for considerant in acte.considerants %}")
    r.texte("Considérant {{ considerant }} ;", apres=3)
    r.balise("{%p endfor %}")
    r.balise("{%p if acte.proposition %}")
    r.texte("{{ acte.proposition }}", avant=4)
    r.balise("{%p endif %}")
    r.p("**ARRÊTE{{ 'NT' if acte.conjoint else '' }} :**", align="centre", avant=12, apres=12, solidaire=True)


def _fin_arrete(r: Redacteur) -> None:
    r.article_arrete("Voies et délais de recours")
    r.texte("{{ acte.recours }}")
    r.article_arrete("Exécution")
    r.texte("{{ acte.execution }}")
    r.fait_a("{{ acte.fait_a }}")
    r.signatures("", personnes="acte.signataires", nom="{{ p.nom or '……………………' }}")


def _liste_membres(r: Redacteur, boucle: str, variable: str = "m", organisation: bool = True) -> None:
    org = (f"{{% if {variable}.organisation is defined and {variable}.organisation %}} "
           f"({{{{ {variable}.organisation }}}}){{% endif %}}") if organisation else ""
    r.balise(f"{{%p for {variable} in {boucle} %}}")
    r.texte(f"– {{{{ {variable}.nom }}}}, {{{{ {variable}.qualite | minuscule }}}}{org}"
            "{{ ' ;' if not loop.last else '.' }}", apres=2)
    r.balise("{%p endfor %}")


def arrete_composition() -> bytes:
    r = Redacteur("Arrêté portant composition", entete="{{ comite.nom }}")
    _debut_arrete(r)
    r.article_arrete("Coprésidence")
    r.texte("Le {{ comite.nom | minuscule }}, institué en application de l'article {{ comite.article_institution }} "
            "du code du travail, est {{ composition.presidence }} :", solidaire=True)
    _liste_membres(r, "composition.presidents", "p", organisation=False)
    r.balise("{%p if composition.prefet_president %}")
    r.texte("{{ composition.prefet_president }}", avant=4)
    r.balise("{%p endif %}")

    r.article_arrete("Nombre de membres par catégorie")
    r.texte("Le comité comprend, outre ses coprésidents, {{ composition.plafond }}. Le nombre de membres "
            "siégeant au titre de chacune des catégories de l'article {{ comite.article_composition }} du code "
            "du travail est fixé comme suit :", solidaire=True)
    table = r.tableau(["Catégorie", "Membres titulaires"], [12.5, 3.5])
    r.balise_ligne(table, "{%tr for c in composition.toutes %}")
    r.ligne(table, ["{{ c.intitule }}{% if not c.nommes %} (membre de droit){% endif %}", "{{ c.nombre }}"])
    r.balise_ligne(table, "{%tr endfor %}")

    r.article_arrete("Membres nommés")
    r.texte("Sont nommés membres du comité pour trois ans (article R. 5311-36 du code du travail), en qualité de "
            "titulaires et, le cas échéant, de suppléants :", solidaire=True)
    r.balise("{%p for c in composition.categories %}")
    r.groupe("{{ c.intitule }}{% if c.voix_deliberative %} (voix délibérative){% else %} (sans voix délibérative)"
             "{% endif %}")
    r.p("{{ c.designation }}.", "Mention", solidaire=True, apres=3)
    table = r.tableau(["Titulaire", "Qualité et organisation", "Suppléant(s)"], [4.3, 6.4, 5.3])
    r.balise_ligne(table, "{%tr for m in c.membres %}")
    r.ligne(table, [
        "**{{ m.nom }}**",
        "{{ m.qualite }}{% if m.organisation is defined %}{{ '\\n' }}{{ m.organisation }}{% endif %}",
        "{% for s in m.suppleants %}{{ s.nom }}, {{ s.qualite | minuscule }}{{ '\\n' if not loop.last else '' }}"
        "{% else %}—{% endfor %}",
    ])
    r.balise_ligne(table, "{%tr endfor %}")
    r.balise("{%p endfor %}")

    r.balise("{%p if composition.de_droit %}")
    r.article_arrete("Membres de droit")
    r.texte("Siègent en outre au comité, sans voix délibérative (article R. 5311-37 du code du travail) :",
            solidaire=True)
    r.balise("{%p for c in composition.de_droit %}")
    r.balise("{%p set derniere = loop.last %}")
    r.balise("{%p for m in c.membres %}")
    r.texte("– au titre du {{ c.rang }} de l'article {{ comite.article_composition }}, {{ c.designation | minuscule }} : "
            "{{ m.nom }}, {{ m.qualite | minuscule }}{{ ' ;' if not (loop.last and derniere) else '.' }}", apres=2)
    r.balise("{%p endfor %}")
    r.balise("{%p endfor %}")
    r.balise("{%p endif %}")

    r.balise("{%p if composition.invites %}")
    r.article_arrete("Personnes invitées")
    r.texte("Peuvent participer aux travaux du comité, sans prendre part aux votes, sur invitation conjointe de "
            "ses coprésidents (article {{ composition.article_invites }} du code du travail) :", solidaire=True)
    _liste_membres(r, "composition.invites", "v")
    r.balise("{%p endif %}")

    r.article_arrete("Durée des mandats")
    r.texte("Les membres mentionnés à l'article 3 sont nommés {{ composition.mandat }} ; leur mandat est "
            "renouvelable (article R. 5311-36 du code du travail). Toute vacance ou perte de la qualité au titre "
            "de laquelle ils ont été désignés donne lieu à une nouvelle désignation, par arrêté, pour la durée du "
            "mandat restant à courir.")
    _fin_arrete(r)
    return r.octets()


def arrete_modificatif() -> bytes:
    r = Redacteur("Arrêté modificatif", entete="{{ comite.nom }}")
    _debut_arrete(r)
    r.article_arrete("")
    r.texte("Est nommé membre titulaire du comité, au titre du {{ remplacement.categorie }}, en remplacement de "
            "{{ remplacement.remplace }}, à compter du {{ remplacement.le }} : **{{ remplacement.membre.nom }}**, "
            "{{ remplacement.membre.qualite | minuscule }}{% if remplacement.membre.organisation is defined %} "
            "({{ remplacement.membre.organisation }}){% endif %}.")
    r.balise("{%p if remplacement.membre.suppleants %}")
    r.texte("{{ 'Sont nommés suppléants' if remplacement.membre.suppleants | length > 1 else 'Est nommé suppléant' }} : "
            "{% for s in remplacement.membre.suppleants %}{{ s.nom }}, {{ s.qualite | minuscule }}"
            "{{ ' ; ' if not loop.last else '.' }}{% endfor %}")
    r.balise("{%p endif %}")
    r.article_arrete("")
    r.texte("Conformément à l'article R. 5311-36 du code du travail, ce mandat court pour la durée restant à courir "
            "du mandat du membre remplacé, soit jusqu'au {{ remplacement.fin }} inclus.")
    r.article_arrete("")
    r.texte("Les autres dispositions de {{ remplacement.initial }} demeurent inchangées.")
    _fin_arrete(r)
    return r.octets()


def arrete_voix() -> bytes:
    r = Redacteur("Arrêté fixant le nombre de voix", entete="{{ comite.nom }}")
    _debut_arrete(r)
    r.article_arrete("Voix des membres")
    r.texte("Les coprésidents du comité disposent chacun {{ \"d'une voix\" if voix.voix_president == 1 else "
            "'de ' ~ voix.voix_president ~ ' voix' }} (article R. 5311-37 du code du travail) :", solidaire=True)
    _liste_membres(r, "voix.presidents", "p", organisation=False)
    r.texte("Les membres du comité ayant voix délibérative disposent du nombre de voix suivant :", avant=6,
            solidaire=True)
    r.balise("{%p for g in voix.groupes %}")
    r.groupe("{{ g.intitule }} : {{ g.total | pluriel('voix', 'voix') }}")
    table = r.tableau(["Membre", "Qualité et organisation", "Voix"], [4.5, 9.5, 2.0])
    r.balise_ligne(table, "{%tr for l in g.lignes %}")
    r.ligne(table, ["{{ l.nom }}", "{{ l.qualite }}", "{{ l.voix }}"])
    r.balise_ligne(table, "{%tr endfor %}")
    r.balise("{%p endfor %}")
    r.article_arrete("Règles de répartition")
    r.texte("Cette répartition respecte les règles de l'article {{ voix.article }} du code du travail :",
            solidaire=True)
    r.balise("{%p for e in voix.egalites %}")
    r.texte("– {{ e }}{{ ' ;' if not loop.last else '.' }}", apres=2)
    r.balise("{%p endfor %}")
    r.balise("{%p if voix.calculs %}")
    r.texte("Le détail de la répartition à la plus forte moyenne figure en annexe.", avant=4)
    r.balise("{%p endif %}")
    _fin_arrete(r)

    r.balise("{%p if voix.calculs %}")
    r.saut_de_page()
    r.titre1("Annexe – Détail du calcul (article R. 5311-38 du code du travail)")
    r.texte("Audiences : {{ voix.parametres }}.")
    r.p("Source : {{ voix.source }}", "Mention", align="justifie")
    r.balise("{%p for calcul in voix.calculs %}")
    r.groupe("{{ calcul.titre }}")
    table = r.tableau(["Organisation", "Audience", "Poids", "Moyennes (poids ÷ 1, ÷ 2, ÷ 3…)", "Voix"],
                      [2.4, 3.6, 1.8, 6.6, 1.6])
    r.balise_ligne(table, "{%tr for l in calcul.lignes %}")
    r.ligne(table, ["{{ l.organisation }}", "{{ l.donnees }}", "{{ l.poids }}", "{{ l.quotients | join(' ; ') }}",
                    "**{{ l.voix }}**"])
    r.balise_ligne(table, "{%tr endfor %}")
    r.balise("{%p endfor %}")
    r.p("Moyennes : poids de chaque organisation, ramené à 100 entre les organisations représentées au comité, "
        "divisé par 1, 2, 3… ; chaque voix va à la plus forte moyenne restante (« * » : moyenne retenue).",
        "Mention", align="justifie", avant=6)
    r.balise("{%p endif %}")
    return r.octets()


def arrete_ressort() -> bytes:
    r = Redacteur("Arrêté fixant le ressort des comités locaux", entete="Comités locaux pour l'emploi – "
                  "{{ ressort.departement }}")
    _debut_arrete(r)
    r.article_arrete("Ressort des comités locaux")
    r.texte("Les limites géographiques des comités locaux pour l'emploi institués dans le département "
            "{{ ressort.de_departement }} sont fixées comme suit (article R. 5311-30 du code du travail) :",
            solidaire=True)
    r.balise("{%p for c in ressort.comites %}")
    r.groupe("{{ c.nom }}")
    r.p("{{ c.nombre_communes | pluriel('commune') }}, {{ c.population }} habitants (population municipale)"
        "{% if c.interdepartemental %} ; {{ c.interdepartemental }}{% endif %}.", "Mention", solidaire=True, apres=3)
    table = r.tableau(["Établissement public de coopération intercommunale ou commune", "SIREN ou code INSEE",
                       "Communes", "Population", "Observations"], [5.5, 2.5, 2.3, 2.4, 3.3])
    r.balise_ligne(table, "{%tr for g in c.groupements %}")
    r.ligne(table, ["{{ g.nom }}", "{{ g.code }}", "{{ g.communes }}", "{{ g.population }}", "{{ g.note }}"])
    r.balise_ligne(table, "{%tr endfor %}")
    r.balise_ligne(table, "{%tr for g in c.communes %}")
    r.ligne(table, ["Commune de {{ g.nom }}", "{{ g.code }}", "1", "{{ g.population }}",
                    "commune n'appartenant à aucun EPCI"])
    r.balise_ligne(table, "{%tr endfor %}")
    r.balise("{%p endfor %}")
    r.article_arrete("Couverture du département")
    r.texte("{{ ressort.couverture }}")
    _fin_arrete(r)
    return r.octets()


#: un modèle Word par document du registre (`cte_cli.documents.registre`) : la fonction de ce
#: script qui porte son nom (« arrete-voix » -> arrete_voix)
MODELES: dict[str, Callable[[], bytes]] = {f"{d.nom}.docx": globals()[d.nom.replace("-", "_")] for d in DOCUMENTS}


def construire(dossier: Path = DOSSIER) -> list[Path]:
    """Écrit les modèles .docx dans `dossier` ; renvoie les chemins écrits."""
    dossier.mkdir(parents=True, exist_ok=True)
    ecrits = []
    for nom, fabrique in MODELES.items():
        chemin = dossier / nom
        chemin.write_bytes(fabrique())
        ecrits.append(chemin)
    return ecrits


def main() -> int:
    analyse = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyse.add_argument("--sortie", type=Path, default=DOSSIER, help="dossier des modèles (défaut : %(default)s)")
    arguments = analyse.parse_args()
    for chemin in construire(arguments.sortie):
        print(f"écrit {chemin}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
