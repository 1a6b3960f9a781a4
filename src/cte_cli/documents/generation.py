"""Production des documents : charger le dépôt par le cœur, trouver le comité ou la séance,
construire la vue, rendre le modèle, écrire chaque fichier de façon atomique.

Rien n'est imprimé ici : chaque fonction renvoie la liste des fichiers traités (`Ecrit`),
avec leur statut ; la commande `cte generate` affiche le résumé.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from cte_cli.constats import Constat, Gravite
from cte_cli.documents import dates
from cte_cli.documents import modeles as m
from cte_cli.erreurs import CteErreur

FORMATS = ("docx", "md", "pdf")

#: niveaux sans règlement intérieur propre, et l'article qui le dit
SANS_REGLEMENT = {
    "regional": "R. 5311-45 : le règlement intérieur du CREFOP (R. 6123-3-12) s'applique au comité régional",
    "territorial": "R. 5523-15-16-1 et R. 5523-15-30 : le règlement intérieur du CREFOP s'applique au "
                   "comité territorial",
    "territorial_unique": "R. 5523-15-42 : le règlement intérieur du comité de l'emploi, de la formation et "
                          "de l'orientation professionnelles s'applique au comité territorial unique",
}

ECRIT, EXISTANT, IGNORE, ECHEC = "écrit", "existant", "ignoré", "échec"


@dataclass
class Ecrit:
    """Un fichier traité : écrit, déjà existant (sans --force), ignoré ou en échec."""

    sujet: str
    chemin: Path | None
    statut: str
    raison: str = ""
    erreur: CteErreur | None = field(default=None, repr=False, compare=False)


class DepotInvalide(CteErreur):
    """Les fichiers nécessaires ont des erreurs de structure : on ne génère rien."""

    def __init__(self, message: str, constats: list[Constat], resultat: Any):
        super().__init__(message)
        self.constats = constats
        self.resultat = resultat


@dataclass
class Chargement:
    """Le dépôt validé par le cœur, et de quoi y retrouver comités et séances."""

    racine: Path
    resultat: Any
    date: date

    def documents(self, type_: str) -> list[Any]:
        return [d for d in self.resultat.documents if d.type == type_ or _type_brut(d) == type_]

    def exiger(self, documents: Iterable[Any]) -> None:
        """Refuse de générer si ces fichiers ont des erreurs de structure (DepotInvalide)."""
        from cte_cli.catalogue import regles as registre

        regles = registre()
        fichiers = {d.fichier for d in documents}
        bloquants = [
            c for c in self.resultat.constats
            if c.fichier in fichiers and c.gravite is Gravite.ERREUR
            and (c.regle not in regles or regles[c.regle].famille == "structure" or regles[c.regle].bloquante)
        ]
        if bloquants:
            noms = ", ".join(sorted(fichiers))
            raise DepotInvalide(
                f"{len(bloquants)} erreur(s) de structure dans {noms} : corrigez-les (cte validate) avant de "
                "générer un document", bloquants, self.resultat)

    def comite(self, identifiant: str) -> tuple[Any, Any]:
        from cte_cli.suggestions import suggestion

        trouves = [d for d in self.documents("comite") if d.id == identifiant]
        if not trouves:
            ids = sorted(d.id for d in self.documents("comite"))
            raise CteErreur(f"comité « {identifiant} » introuvable dans {self.racine}"
                            + (suggestion(identifiant, ids) or f" ({len(ids)} comités dans le dépôt)"))
        if len(trouves) > 1:
            raise CteErreur(f"plusieurs comités ont l'identifiant « {identifiant} » : "
                            + ", ".join(d.fichier for d in trouves))
        self.exiger(trouves)
        return trouves[0], trouves[0].modele

    def seance(self, reference: str) -> tuple[Any, Any]:
        """Une séance par identifiant ou par chemin de fichier."""
        from cte_cli.suggestions import suggestion

        seances = self.documents("seance")
        trouves = [d for d in seances if d.id == reference]
        if not trouves and (reference.endswith((".yaml", ".yml")) or os.sep in reference or "/" in reference):
            if not Path(reference).is_file():
                raise CteErreur(f"fichier de séance introuvable : {reference}")
            cible = Path(reference).resolve()
            trouves = [d for d in seances if Path(d.fichier).resolve() == cible]
            if not trouves:
                raise CteErreur(f"le fichier {reference} n'est pas une séance du dépôt {self.racine} "
                                "(indiquez le dépôt avec --depot)")
        if not trouves:
            ids = sorted(d.id for d in seances)
            raise CteErreur(f"séance « {reference} » introuvable dans {self.racine}"
                            + (suggestion(reference, ids) or f" ({len(ids)} séances dans le dépôt)"))
        if len(trouves) > 1:
            raise CteErreur(f"plusieurs séances ont l'identifiant « {reference} » : "
                            + ", ".join(d.fichier for d in trouves) + " ; désignez-la par son chemin")
        doc = trouves[0]
        self.exiger([doc])
        doc_comite, comite = self.comite(doc.modele.comite)
        return doc, doc_comite

    def nombre_comites(self) -> int:
        return len(self.documents("comite"))


def _type_brut(doc: Any) -> str | None:
    return doc.donnees.get("type") if isinstance(doc.donnees, dict) else None


def charger(racine: str | os.PathLike = ".", date_controle: date | None = None) -> Chargement:
    """Charge et valide le dépôt par le cœur (`moteur.valider`)."""
    from cte_cli.moteur import valider

    date_controle = date_controle or date.today()
    return Chargement(Path(racine), valider([str(racine)], date_controle), date_controle)


# --- contextes (la vue par document) ---------------------------------------------------------


def _document(titre: str, modele: Path, date_doc: date) -> Any:
    from cte_cli import __version__
    from cte_cli.documents import dates
    from cte_cli.documents.vue import Document

    return Document(titre=titre, date=dates.date_courte(date_doc), genere_le=dates.date_courte(date.today()),
                    outil=f"cte {__version__}", modele=modele.name)


#: clé du contexte qui porte les octets du logo (retirée avant le rendu, docs/documents.md)
LOGO = "_logo"


def avec_entete(contexte: dict[str, Any], racine: Any, comite: Any) -> dict[str, Any]:
    """Ajoute l'en-tête du comité (modeles/entete.toml) et son logo au contexte."""
    from cte_cli.documents.entete import entete

    reglage = entete(racine, comite)
    return {**contexte, "entete": reglage.entete, LOGO: reglage.logo}


def contexte_reglement(doc: Any, comite: Any, modele: Path, date_doc: date, racine: Any = None) -> dict[str, Any]:
    from cte_cli.documents.vue import vue_comite

    vc = vue_comite(doc, comite)
    return avec_entete({"comite": vc, "document": _document(f"Règlement intérieur du {vc.nom}", modele, date_doc)},
                       racine, comite)


def contextes_seance(doc: Any, doc_comite: Any, modele: Path, titre: str, date_doc: date,
                     racine: Any = None) -> dict[str, Any]:
    from cte_cli.documents.vue import vue_comite, vue_seance

    vc = vue_comite(doc_comite, doc_comite.modele)
    vs = vue_seance(doc, doc.modele, doc_comite, doc_comite.modele, vc)
    return avec_entete({"comite": vc, "seance": vs, "document": _document(f"{titre} – {vc.nom}", modele, date_doc)},
                       racine, doc_comite.modele)


# --- exécution -------------------------------------------------------------------------------


@dataclass
class Travail:
    """Un document à produire : sujet (pour le résumé), fichier de sortie, contexte."""

    sujet: str
    chemin: Path
    contexte: Callable[[], dict[str, Any]]


def _avec(base: dict[str, Any], cle: str, valeur: Any) -> dict[str, Any]:
    """Le contexte commun d'un lot, plus la variable propre à un document (son destinataire)."""
    return {**base, cle: valeur}


def _rendre(modele: Path, format_: str, contexte: dict[str, Any]) -> bytes:
    from cte_cli.documents.entete import inserer_logo
    from cte_cli.documents.rendu import rendre_docx, rendre_texte
    from cte_cli.documents.typographie import typographier

    contexte = dict(contexte)
    logo = contexte.pop(LOGO, None)
    if format_ == "md":  # typographie française sur le texte fixe du modèle comme sur les valeurs
        return typographier(rendre_texte(modele, contexte)).encode("utf-8")
    return inserer_logo(rendre_docx(modele, contexte), logo)


def executer(travaux: list[Travail], modele: Path, format_: str, *, force: bool = False,
             progression: Callable[[str], None] | None = None) -> list[Ecrit]:
    """Rend et écrit chaque document ; un échec n'arrête pas les autres (mode en masse)."""
    if format_ == "pdf":
        return _executer_pdf(travaux, modele, force=force, progression=progression)
    resultats: list[Ecrit | None] = [None] * len(travaux)
    prets: list[tuple[int, bytes]] = []
    for i, travail in enumerate(travaux):
        if travail.chemin.exists() and not force:
            resultats[i] = Ecrit(travail.sujet, travail.chemin, EXISTANT)
        else:
            try:
                prets.append((i, _rendre(modele, format_, travail.contexte())))
            except CteErreur as exc:
                resultats[i] = Ecrit(travail.sujet, travail.chemin, ECHEC, str(exc), exc)
        if progression:
            progression(travail.sujet)
    for i, donnees in prets:
        resultats[i] = _ecrire(travaux[i], donnees, force)
    return [r for r in resultats if r is not None]


def _ecrire(travail: Travail, donnees: bytes, force: bool) -> Ecrit:
    from cte_cli.ecriture import ecrire_atomique

    try:
        ecrire_atomique(travail.chemin, donnees, force=force)
        return Ecrit(travail.sujet, travail.chemin, ECRIT)
    except CteErreur:  # créé entre-temps par un autre processus : jamais écrasé
        return Ecrit(travail.sujet, travail.chemin, EXISTANT)


def _executer_pdf(travaux: list[Travail], modele: Path, *, force: bool,
                  progression: Callable[[str], None] | None) -> list[Ecrit]:
    """PDF par lots (documents/pdf.py) : chaque lot est rendu, converti par un appel à
    LibreOffice puis écrit aussitôt ; la progression compte les documents écrits. Si
    LibreOffice ne peut plus être lancé, les PDF déjà écrits restent et les autres sont en
    échec avec la raison (relancer sans --force produit seulement ceux qui manquent)."""
    from cte_cli.documents.pdf import Convertisseur, taille_lot

    resultats: list[Ecrit | None] = [None] * len(travaux)

    def fini(i: int, ecrit: Ecrit) -> None:
        resultats[i] = ecrit
        if progression:
            progression(travaux[i].sujet)

    a_faire = []
    for i, travail in enumerate(travaux):
        if travail.chemin.exists() and not force:
            fini(i, Ecrit(travail.sujet, travail.chemin, EXISTANT))
        else:
            a_faire.append(i)
    if not a_faire:
        return [r for r in resultats if r is not None]
    pas = taille_lot()
    with Convertisseur() as convertisseur:
        arret: CteErreur | None = None
        for debut in range(0, len(a_faire), pas):
            lot = a_faire[debut:debut + pas]
            if arret is not None:
                for i in lot:
                    fini(i, Ecrit(travaux[i].sujet, travaux[i].chemin, ECHEC, str(arret), arret))
                continue
            prets: list[tuple[int, bytes]] = []
            for i in lot:
                try:
                    prets.append((i, _rendre(modele, "pdf", travaux[i].contexte())))
                except CteErreur as exc:
                    fini(i, Ecrit(travaux[i].sujet, travaux[i].chemin, ECHEC, str(exc), exc))
            try:
                pdfs = convertisseur.convertir([(travaux[i].chemin.name, donnees) for i, donnees in prets])
            except CteErreur as exc:  # LibreOffice absent, bloqué : ce lot et les suivants
                arret = exc
                pdfs = [exc] * len(prets)
            for (i, _), pdf in zip(prets, pdfs, strict=True):
                if isinstance(pdf, CteErreur):
                    fini(i, Ecrit(travaux[i].sujet, travaux[i].chemin, ECHEC, str(pdf), pdf))
                else:
                    fini(i, _ecrire(travaux[i], pdf, force))
    return [r for r in resultats if r is not None]


def _sortie(sortie: str | os.PathLike, nom: str, format_: str) -> Path:
    from cte_cli.ecriture import dans_dossier

    return dans_dossier(sortie, f"{nom}.{format_}")


def _refuser_existants(chemins: list[Path], force: bool) -> None:
    existants = [c for c in chemins if c.exists()]
    if existants and not force:
        exemples = ", ".join(str(c) for c in existants[:3]) + (" …" if len(existants) > 3 else "")
        raise CteErreur(f"{len(existants)} fichier(s) existent déjà (utilisez --force pour les remplacer) : "
                        f"{exemples}")


def _un_seul(resultats: list[Ecrit]) -> list[Ecrit]:
    """Génération d'un seul document : un échec devient une erreur (sortie 2)."""
    for r in resultats:
        if r.statut == ECHEC:
            raise r.erreur or CteErreur(r.raison)
    return resultats


# --- règlement intérieur (R. 5311-45) --------------------------------------------------------


def _travail_reglement(doc: Any, sortie: str | os.PathLike, format_: str, modele: Path, date_doc: date,
                       racine: Any = None) -> Travail:
    comite = doc.modele
    return Travail(comite.id, _sortie(sortie, f"reglement-interieur-{comite.id}", format_),
                   lambda: contexte_reglement(doc, comite, modele, date_doc, racine))


def generer_reglement(ch: Chargement, identifiant: str, sortie: str | os.PathLike = ".", format_: str = "docx",
                      *, force: bool = False, date_doc: date | None = None) -> list[Ecrit]:
    """Le règlement intérieur d'un comité départemental ou local (R. 5311-45)."""
    doc, comite = ch.comite(identifiant)
    if comite.niveau in SANS_REGLEMENT:
        raise CteErreur(f"le comité « {identifiant} » n'adopte pas de règlement intérieur propre "
                        f"({SANS_REGLEMENT[comite.niveau]})")
    modele, _ = m.trouver("reglement", format_, ch.racine)
    travail = _travail_reglement(doc, sortie, format_, modele, date_doc or ch.date, ch.racine)
    _refuser_existants([travail.chemin], force)
    return _un_seul(executer([travail], modele, format_, force=force))


def generer_reglements(ch: Chargement, sortie: str | os.PathLike = ".", format_: str = "docx", *,
                       force: bool = False, date_doc: date | None = None,
                       progression: Callable[[str], None] | None = None) -> list[Ecrit]:
    """Le règlement intérieur de chaque comité du dépôt qui en adopte un (mode en masse)."""
    from cte_cli.catalogue import regles as registre

    modele, _ = m.trouver("reglement", format_, ch.racine)
    regles = registre()
    resultats: list[Ecrit] = []
    travaux: list[Travail] = []
    for doc in sorted(ch.documents("comite"), key=lambda d: d.id):
        structure = [c for c in ch.resultat.constats if c.fichier == doc.fichier and c.gravite is Gravite.ERREUR
                     and (c.regle not in regles or regles[c.regle].famille == "structure")]
        if doc.modele is None or structure:
            premier = structure[0] if structure else None
            raison = (f"{premier.fichier}:{premier.ligne}: {premier.message}" if premier
                      else "fichier invalide (cte validate)")
            resultats.append(Ecrit(doc.id, None, ECHEC, f"erreur de structure : {raison}"))
        elif doc.modele.niveau in SANS_REGLEMENT:
            resultats.append(Ecrit(doc.id, None, IGNORE, SANS_REGLEMENT[doc.modele.niveau]))
        else:
            travaux.append(_travail_reglement(doc, sortie, format_, modele, date_doc or ch.date, ch.racine))
        if progression and not (travaux and travaux[-1].sujet == doc.id):
            progression(doc.id)
    _chemins_distincts(travaux, sortie)
    return resultats + executer(travaux, modele, format_, force=force, progression=progression)


def _chemins_distincts(travaux: list[Travail], sortie: str | os.PathLike) -> None:
    """Deux documents d'un lot n'ont jamais le même chemin (comités de même identifiant dans
    un dépôt cassé, noms coupés) : le second reçoit un suffixe numérique."""
    from cte_cli.ecriture import chemins_uniques

    for travail, chemin in zip(travaux, chemins_uniques(sortie, [t.chemin.name for t in travaux]), strict=True):
        travail.chemin = chemin


# --- documents de séance ---------------------------------------------------------------------


def _heure_requise(doc: Any, seance: Any) -> None:
    if not isinstance(seance.date, datetime):
        ligne = doc.localiser(("date",))[0]
        raise CteErreur("la convocation et l'invitation .ics ont besoin de l'heure de la séance : "
                        "écrivez `date: 2025-03-12T14:00`", doc.fichier, ligne)


def _ordre_du_jour_requis(doc: Any, seance: Any) -> None:
    if not seance.ordre_du_jour:
        ligne = doc.localiser(("ordre_du_jour",))[0]
        raise CteErreur("ordre du jour vide : les coprésidents fixent l'ordre du jour de la séance "
                        "(R. 5311-44)", doc.fichier, ligne)


def avertissements_convocation(seance: Any, comite: Any, envoi: date) -> list[str]:
    """Ce qui doit retenir l'agent qui produit la convocation le jour `envoi` (`--date`, à défaut
    aujourd'hui) : séance passée, ou délai du règlement intérieur déjà entamé (R. 5311-45 ; règle
    delai-convocation)."""
    from cte_cli.droit.dates import jour

    le = jour(seance.date)
    ri = comite.reglement_interieur
    delai = ri.delai_convocation_jours if ri is not None else None
    ecart = (le - envoi).days
    if ecart < 0:
        return [f"la séance du {dates.date_courte(le)} est passée (convocations produites le "
                f"{dates.date_courte(envoi)}) : elles ne peuvent plus être envoyées"]
    if seance.nature != "commission" and delai is not None and ecart < delai:
        limite = date.fromordinal(le.toordinal() - delai)
        return [f"convocation produite le {dates.date_courte(envoi)}, {ecart} jour(s) avant la séance du "
                f"{dates.date_courte(le)} : le règlement intérieur en exige {delai} (envoi au plus tard le "
                f"{dates.date_courte(limite)}, R. 5311-45)"]
    return []


def generer_convocations(ch: Chargement, reference: str, sortie: str | os.PathLike | None = None,
                         format_: str = "docx", *, force: bool = False, date_doc: date | None = None,
                         maintenant: datetime | None = None,
                         avertir: Callable[[str], None] | None = None) -> list[Ecrit]:
    """Une convocation par membre titulaire convoqué (suppléants en copie), une invitation par
    personne invitée sans voix (R. 5311-19, -25, -34 ; pas pour une réunion de commission) et une
    invitation .ics pour la séance (R. 5311-44). Rien n'est écrit si l'un des fichiers existe
    déjà. `avertir` reçoit les avertissements (séance passée, délai de convocation entamé)."""
    from cte_cli.documents.ics import identite_depot, invitation
    from cte_cli.documents.vue import NATURES
    from cte_cli.ecriture import chemins_uniques, ecrire_atomique, nom_de_fichier

    doc, doc_comite = ch.seance(reference)
    seance, comite = doc.modele, doc_comite.modele
    _heure_requise(doc, seance)
    _ordre_du_jour_requis(doc, seance)
    modele, _ = m.trouver("convocation", format_, ch.racine)
    date_doc = date_doc or seance.convoques_le or ch.date
    for message in avertissements_convocation(seance, comite, ch.date):
        if avertir:
            avertir(message)
    base = contextes_seance(doc, doc_comite, modele, "Convocation", date_doc, ch.racine)
    convoques = base["seance"].convoques
    if not convoques:
        raise CteErreur(f"aucun membre à convoquer pour la séance « {doc.id} » (membres en fonctions le jour "
                        "de la séance, ou membres de la commission)", doc.fichier)
    dossier = Path(sortie) if sortie is not None else Path(f"convocations-{nom_de_fichier(doc.id)}")
    invites = base["comite"].invites if seance.nature != "commission" else []
    modele_invitation = m.trouver("invitation", format_, ch.racine)[0] if invites else None
    base_invites: dict[str, Any] = {}
    if modele_invitation is not None:
        base_invites = {**base, "document": _document(f"Invitation – {base['comite'].nom}", modele_invitation,
                                                      date_doc)}
    # un chemin par document, même quand les noms sont coupés (identifiant ou nom très longs)
    *chemins, calendrier = chemins_uniques(
        dossier, [f"convocation-{doc.id}-{i:02d}-{nom_de_fichier(d.nom)}.{format_}" for i, d in enumerate(convoques, 1)]
        + [f"invitation-{doc.id}-{i:02d}-{nom_de_fichier(v.nom)}.{format_}" for i, v in enumerate(invites, 1)]
        + [f"{doc.id}.ics"])
    travaux = [Travail(d.nom, chemin, partial(_avec, base, "destinataire", d))
               for d, chemin in zip(convoques, chemins[:len(convoques)], strict=True)]
    lettres = [Travail(v.nom, chemin, partial(_avec, base_invites, "invite", v))
               for v, chemin in zip(invites, chemins[len(convoques):], strict=True)]
    _refuser_existants([t.chemin for t in travaux + lettres] + [calendrier], force)
    libelle = NATURES[seance.nature]
    if seance.nature == "commission" and seance.commission:
        commission = next((c for c in comite.commissions if c.id == seance.commission), None)
        libelle = f"réunion de la {commission.nom[:1].lower() + commission.nom[1:]}" if commission else libelle
    ics = invitation(comite, seance, doc.id, libelle, identite_depot(ch.racine, comite), maintenant)
    resultats = _un_seul(executer(travaux, modele, format_, force=force))
    if lettres and modele_invitation is not None:
        resultats += _un_seul(executer(lettres, modele_invitation, format_, force=force))
    ecrire_atomique(calendrier, ics, force=force)
    return [*resultats, Ecrit("invitation de calendrier", calendrier, ECRIT)]


def generer_emargement(ch: Chargement, reference: str, sortie: str | os.PathLike = ".", format_: str = "docx",
                       *, force: bool = False, date_doc: date | None = None) -> list[Ecrit]:
    """La feuille d'émargement de la séance, par collège, avec les pouvoirs (R. 5311-43)."""
    return _document_seance(ch, reference, "emargement", "Feuille d'émargement", "emargement", sortie,
                            format_, force, date_doc)


def generer_releve(ch: Chargement, reference: str, sortie: str | os.PathLike = ".", format_: str = "docx",
                   *, force: bool = False, date_doc: date | None = None) -> list[Ecrit]:
    """Le relevé de décisions, avec le quorum calculé d'après `presents` et `representes` (R. 5311-40)."""
    return _document_seance(ch, reference, "releve", "Relevé de décisions", "releve-de-decisions", sortie,
                            format_, force, date_doc)


def _document_seance(ch: Chargement, reference: str, nom: str, titre: str, prefixe: str,
                     sortie: str | os.PathLike, format_: str, force: bool, date_doc: date | None) -> list[Ecrit]:
    doc, doc_comite = ch.seance(reference)
    modele, _ = m.trouver(nom, format_, ch.racine)
    date_doc = date_doc or ch.date
    travail = Travail(doc.id, _sortie(sortie, f"{prefixe}-{doc.id}", format_),
                      lambda: contextes_seance(doc, doc_comite, modele, titre, date_doc, ch.racine))
    _refuser_existants([travail.chemin], force)
    return _un_seul(executer([travail], modele, format_, force=force))
