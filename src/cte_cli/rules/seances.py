"""Séances : quorum, participants, procurations, convocations, réunions annuelles
(R. 5311-21, R. 5311-27, R. 5311-40, R. 5311-43 à R. 5311-45 ; outre-mer R. 5523-15-16, -29,
-41 ; recommandations de l'instruction DGEFP/DAT/2024/92).

Années civiles : une obligation annuelle (« au moins une fois par an ») est vérifiée pour
chaque année civile échue depuis l'installation du comité (à défaut, la date de son arrêté) ;
l'année d'installation compte au prorata des jours restant à courir, arrondi à l'entier le plus
proche (installé le 1er juillet : une plénière exigée, le 15 octobre : aucune). L'année de la
date de contrôle n'est pas échue : elle ne donne jamais d'erreur, seulement un rappel (info)
quand aucune plénière n'est tenue ni prévue au second semestre.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from cte_cli.constats import Chemin, Cible, Constat, Gravite
from cte_cli.droit.categories import LIBELLES, cle_composition
from cte_cli.droit.dates import ajouter_mois, fr, jour
from cte_cli.droit.seances import (
    DELIBERANTES,
    REUNIONS_DU_COMITE,
    Annuaire,
    PeriodeAnnuelle,
    Presence,
    fonctionnement_crefop,
    meme_college,
    norme,
    periodes_annuelles,
    presence,
)
from cte_cli.droit.territoires import OUTRE_MER
from cte_cli.rules._commun import INSTRUCTION, annuaire_de, debut_fonctionnement, seances_par_comite
from cte_cli.rules._exemples import EXEMPLE_CDE, exemple_seance
from cte_cli.rules.registry import VIGUEUR_METROPOLE, Contexte, regle

if TYPE_CHECKING:
    from cte_cli.loading.depot import Document
    from cte_cli.model import Comite, Seance
    from cte_cli.referentiel.parametres_legaux import Droit

# --- outils des règles de séance ----------------------------------------------------------------

#: (doc, séance, doc du comité, comité, annuaire, droit au jour de la séance)
SeanceJugee = tuple["Document", "Seance", "Document", "Comite", Annuaire, "Droit"]


def _seances_du_comite(ctx: Contexte, natures: tuple[str, ...] | None = None) -> Iterator[SeanceJugee]:
    """(doc, séance, doc du comité, comité, annuaire, droit au jour de la séance) des séances
    dont le comité existe et dont les textes sont en vigueur pour lui le jour de la séance : une
    séance outre-mer du 10 décembre 2024 n'est pas jugée selon R. 5311-40, qui n'y était pas en
    vigueur."""
    for doc, seance in ctx.seances():
        if natures is not None and seance.nature not in natures:
            continue
        trouve = ctx.comite(seance.comite)
        if trouve is None:
            continue
        droit = ctx.droit(jour(seance.date))
        if not ctx.en_vigueur(trouve[1], droit.jour):
            continue
        yield doc, seance, trouve[0], trouve[1], annuaire_de(ctx, trouve[1]), droit


def _seances_deliberantes(ctx: Contexte) -> Iterator[SeanceJugee]:
    """(doc, séance, doc du comité, comité, annuaire, droit) des séances où le comité délibère
    selon R. 5311-40 à -43 (pas le CREFOP renommé, R. 5311-15)."""
    for doc, seance, doc_comite, comite, annuaire, droit in _seances_du_comite(ctx, DELIBERANTES):
        if not fonctionnement_crefop(comite):
            yield doc, seance, doc_comite, comite, annuaire, droit


def _presence(annuaire: Annuaire, seance: Seance, droit: Droit) -> Presence:
    """Le décompte du quorum au jour de la séance (paramètre `seance.quorum`, lecture des
    procurations `interpretation.procuration_meme_college`)."""
    lecture = droit("interpretation.procuration_meme_college", trace=bool(seance.representes))
    return presence(annuaire, seance, droit("seance.quorum"), lecture)


# --- règles -----------------------------------------------------------------------------------


@regle(
    id="quorum", gravite=Gravite.ERREUR, article="R. 5311-40",
    titre="La moitié au moins des membres à voix délibérative sont présents ou représentés",
    vigueur=VIGUEUR_METROPOLE,
    exemple=exemple_seance("presents: [Hélène Marchal, Marc Petit, Paul Henry, Rita Simon]\n"),
)
def quorum(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-40 : le comité délibère valablement si la moitié au moins de ses membres ayant
    voix délibérative (les coprésidents et les collèges de R. 5311-37 : État, collectivités, et au
    CRE et au CDE les organisations syndicales et d'employeurs interprofessionnelles ; outre-mer
    R. 5523-15-4, -12, -25, -37) sont présents, y compris par visioconférence, ou représentés
    (R. 5311-43). Un siège compte une fois, tenu par le titulaire ou son suppléant ; une
    procuration non conforme n'est pas comptée ; un membre dont le mandat ne couvre pas le jour de
    la séance n'est pas compté. Part exigée : paramètre `seance.quorum`, au jour de la séance, qui
    doit être en vigueur pour ce comité (outre-mer, 1er janvier 2025). Vérifié pour les séances
    ordinaires et plénières dont `presents` ou `representes` est renseigné ; une séance tenue après
    une nouvelle convocation sans quorum (`sans_quorum_apres_convocation_du`) relève de
    seance-sans-quorum. Un remplaçant (`remplace_le`) qui ne désigne pas le membre remplacé, dans
    un collège à plusieurs sièges, laisse un doute (l'ancien membre est peut-être encore au
    fichier) : si le quorum est atteint sans ces sièges, avertissement au lieu d'erreur. Une séance
    sans quorum n'est pas irrégulière en soi : R. 5311-40 prévoit alors une nouvelle convocation ;
    si une séance ultérieure du comité a été tenue sur cette nouvelle convocation
    (`sans_quorum_apres_convocation_du`, même ordre du jour) et que la séance sans quorum n'a
    enregistré aucune délibération, elle n'est relevée qu'en info ; si elle a délibéré, l'erreur
    demeure : la nouvelle convocation ne valide pas ce qu'elle a décidé sans quorum."""
    for doc, seance, _, comite, annuaire, droit in _seances_deliberantes(ctx):
        if seance.presents is None and seance.representes is None:
            continue
        if seance.sans_quorum_apres_convocation_du is not None:
            continue
        p = _presence(annuaire, seance, droit)
        if p.atteint:
            continue
        suite = _reconvocation(ctx, seance)
        ecartees = (f" ({p.procurations_ecartees} procuration(s) non conforme(s) non comptée(s))"
                    if p.procurations_ecartees else "")
        chemin = ("presents",) if "presents" in doc.donnees else ("representes",)
        chiffres = {"trouve": p.presents, "votants": p.votants, "quorum": p.quorum,
                    "procurations_ecartees": p.procurations_ecartees}
        debut = (f"{p.presents} membres à voix délibérative présents ou représentés sur {p.votants}, "
                 f"quorum {p.quorum}{ecartees}")
        if p.douteux and p.presents >= p.quorum_sans_doublons:
            # l'ancien membre est peut-être encore au fichier : le doute ne rend pas la CI rouge
            yield replace(ctx.constat(
                doc, chemin,
                f"{debut} ; mais {p.douteux} remplaçant(s) (`remplace_le`) du comité « {comite.id} » "
                "ne désigne(nt) pas le membre remplacé : si celui-ci figure encore au fichier, il ne "
                f"compte plus et le quorum ({p.quorum_sans_doublons} sur {p.votants - p.douteux}) est "
                "atteint ; écrivez `remplace: {nom: …}` sur le remplaçant pour lever le doute",
                chiffres={**chiffres, "douteux": p.douteux, "quorum_sans_doublons": p.quorum_sans_doublons},
                droit=droit,
            ), gravite=Gravite.AVERTISSEMENT)
            continue
        if suite is None:
            yield ctx.constat(
                doc, chemin,
                f"{debut} : le comité « {comite.id} » ne pouvait pas délibérer ; "
                "reconvoquez sur le même ordre du jour en précisant qu'aucun quorum ne sera exigé "
                "(clé `sans_quorum_apres_convocation_du` de la nouvelle séance)",
                chiffres=chiffres,
                droit=droit,
            )
            continue
        yield _apres_reconvocation(ctx, doc, chemin, seance, suite, debut, chiffres, droit)


def _apres_reconvocation(
    ctx: Contexte, doc: Document, chemin: Chemin, seance: Seance, suite: Seance, debut: str,
    chiffres: dict[str, Any], droit: Droit,
) -> Constat:
    """R. 5311-40 : la séance sans quorum suivie d'une nouvelle convocation (`suite`) ; erreur
    si elle a délibéré (ses délibérations restent prises sans quorum), info sinon."""
    convocation = suite.sans_quorum_apres_convocation_du or jour(suite.date)
    reprise = f"nouvelle convocation du {fr(convocation)} sans condition de quorum (séance du {fr(suite.date)})"
    chiffres = {**chiffres, "reconvoquee_le": str(jour(suite.date))}
    nombre = len(seance.deliberations or ())
    if nombre:
        return ctx.constat(
            doc, chemin,
            f"{debut} : {nombre} délibération(s) enregistrée(s) alors que le comité « {seance.comite} » ne "
            f"pouvait pas délibérer ; la {reprise} ne les rend pas valables : le comité ne délibère "
            "valablement qu'à cette nouvelle séance", chiffres=chiffres, droit=droit,
        )
    return replace(ctx.constat(
        doc, chemin,
        f"{debut} : le comité « {seance.comite} » n'a pas délibéré et a été reconvoqué sur le même ordre "
        f"du jour, comme le prévoit R. 5311-40 : {reprise}",
        chiffres=chiffres, droit=droit,
    ), gravite=Gravite.INFO)


def _meme_ordre_du_jour(nouvelle: Seance, premiere: Seance) -> bool:
    """R. 5311-40 : la nouvelle convocation porte « sur le même ordre du jour » (chaque point de
    la nouvelle séance figure à l'ordre du jour de la première)."""
    return {norme(point) for point in nouvelle.ordre_du_jour} <= {norme(point) for point in premiere.ordre_du_jour}


def _reconvocation(ctx: Contexte, seance: Seance) -> Seance | None:
    """R. 5311-40 : la séance ultérieure du même comité tenue après une nouvelle convocation sans
    condition de quorum (`sans_quorum_apres_convocation_du`, envoyée après la séance sans quorum
    et avant la nouvelle séance), sur le même ordre du jour ; None s'il n'y en a pas. Le lien est
    celui que vérifie seance-sans-quorum."""
    debut = jour(seance.date)
    for _, suite in seances_par_comite(ctx).get(seance.comite, ()):
        convocation = suite.sans_quorum_apres_convocation_du
        if (suite is seance or convocation is None or suite.nature not in DELIBERANTES
                or not debut <= convocation <= jour(suite.date)):
            continue
        if _meme_ordre_du_jour(suite, seance):
            return suite
    return None


@regle(
    id="seance-sans-quorum", gravite=Gravite.ERREUR, article="R. 5311-40",
    titre="Une séance sans quorum suit une séance où le quorum manquait, sur le même ordre du jour",
    vigueur=VIGUEUR_METROPOLE,
    exemple=exemple_seance("""sans_quorum_apres_convocation_du: 2025-03-01
# aucune séance antérieure du comité n'a manqué le quorum sur cet ordre du jour
"""),
)
def seance_sans_quorum(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-40 : quand le quorum n'est pas atteint, le comité délibère valablement sans
    condition de quorum après une nouvelle convocation portant sur le même ordre du jour et
    spécifiant qu'aucun quorum ne sera exigé. Une séance qui porte
    `sans_quorum_apres_convocation_du: AAAA-MM-JJ` (date de cette nouvelle convocation) doit
    donc suivre une séance du même comité, antérieure à cette convocation, dont l'ordre du jour
    comprend le sien et où le quorum n'a pas été atteint (si ses présences sont enregistrées) ;
    la convocation précède la séance."""
    index = seances_par_comite(ctx)
    for doc, seance, _, _, annuaire, droit in _seances_deliberantes(ctx):
        convocation = seance.sans_quorum_apres_convocation_du
        if convocation is None:
            continue
        chemin = ("sans_quorum_apres_convocation_du",)
        if convocation > jour(seance.date):
            yield ctx.constat(
                doc, chemin, f"nouvelle convocation du {fr(convocation)} postérieure à la séance du "
                f"{fr(seance.date)}", chiffres={"convocation": str(convocation)},
            )
            continue
        anterieures = [
            s for _, s in index.get(seance.comite, ())
            if jour(s.date) <= convocation and s is not seance and s.nature in DELIBERANTES
            and _meme_ordre_du_jour(seance, s)
        ]
        if not anterieures:
            yield ctx.constat(
                doc, chemin,
                f"aucune séance du comité « {seance.comite} » antérieure au {fr(convocation)} sur le même "
                "ordre du jour : la dispense de quorum ne vaut qu'après une séance où le quorum "
                "n'a pas été atteint",
            )
            continue
        inconnues = [s for s in anterieures if s.presents is None and s.representes is None]
        decomptes = [(s, _presence(annuaire, s, ctx.droit(jour(s.date)))) for s in anterieures]
        if not inconnues and all(p.atteint for _s, p in decomptes):
            derniere, p = decomptes[-1]
            yield ctx.constat(
                doc, chemin,
                f"la séance du {fr(derniere.date)} sur le même ordre du jour avait atteint le "
                f"quorum ({p.presents} sur {p.votants}, quorum {p.quorum}) : pas de dispense de "
                "quorum sans séance où il a manqué",
                chiffres={"trouve": p.presents, "votants": p.votants, "quorum": p.quorum},
                droit=droit,
            )


@regle(
    id="participant-inconnu", gravite=Gravite.ERREUR, article="R. 5311-40",
    titre="Les présents et les représentés sont des membres, suppléants, coprésidents ou invités du comité",
    vigueur=VIGUEUR_METROPOLE,
    exemple=exemple_seance("presents: [Hélène Marchal, Jean Colin, Sophie Arnaud, Luc Favre]\n"),
)
def participant_inconnu(ctx: Contexte) -> Iterator[Constat]:
    """La liste des présents sert à compter le quorum (R. 5311-40) : chaque nom de `presents`
    est celui d'un coprésident, d'un membre, d'un suppléant ou d'un invité du comité (ou, pour
    une réunion de commission, d'un membre de la commission) ; dans
    `representes`, le mandant est un coprésident ou un membre titulaire et le mandataire un
    titulaire ou un suppléant (R. 5311-43). Un membre ne peut être à la fois présent et
    représenté. Les noms sont comparés sans accents ni casse ; le message indique le rang d'un
    nom proche au comité sans le recopier."""
    for doc, seance, _, comite, annuaire, _droit in _seances_du_comite(ctx):
        qui = f"du comité « {comite.id} »"
        commission = next((c for c in comite.commissions if c.id == seance.commission), None)
        de_la_commission = {norme(n) for n in commission.membres} if commission else set()
        for i, nom in enumerate(seance.presents or ()):
            if not annuaire.connu(nom) and norme(nom) not in de_la_commission:
                yield ctx.constat(
                    doc, ("presents", i),
                    f"« {nom} » n'est ni membre, ni suppléant, ni coprésident, ni invité {qui}"
                    + annuaire.indice_proche(nom),
                )
        presents = {norme(n) for n in seance.presents or ()}
        for i, r in enumerate(seance.representes or ()):
            if norme(r.membre) not in annuaire.titulaires:
                yield ctx.constat(
                    doc, ("representes", i, "membre"),
                    f"membre représenté « {r.membre} » : pas un membre titulaire ni un coprésident {qui}"
                    + annuaire.indice_proche(r.membre),
                )
            elif norme(r.membre) in presents:
                yield ctx.constat(
                    doc, ("representes", i, "membre"),
                    f"« {r.membre} » figure à la fois parmi les présents et parmi les représentés",
                )
            if annuaire.siege(r.mandataire) is None:
                yield ctx.constat(
                    doc, ("representes", i, "mandataire"),
                    f"mandataire « {r.mandataire} » : ni membre, ni suppléant, ni coprésident {qui}"
                    + annuaire.indice_proche(r.mandataire),
                )


@regle(
    id="procuration-meme-college", gravite=Gravite.ERREUR, article="R. 5311-43",
    titre="Une procuration est donnée à un membre du même collège, présent à la séance",
    vigueur=VIGUEUR_METROPOLE,
    exemple=exemple_seance("""presents: [Hélène Marchal, Jean Colin, Sophie Arnaud, Marc Petit]
representes:
  - {membre: Anne Roy, mandataire: Marc Petit}   # département -> région
"""),
)
def procuration_meme_college(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-43 : en l'absence de suppléant, ou s'il ne peut se faire remplacer par lui, un
    membre peut donner mandat à un autre membre du même collège, titulaire ou suppléant. Le
    collège d'un suppléant est celui de son titulaire ; celui d'un coprésident, le sien. « Même
    collège » : lecture `interpretation.procuration_meme_college` (par défaut le collège du
    format, les syndicats d'un côté et les employeurs de l'autre). Le mandataire doit être présent
    quand la liste des présents est renseignée (sans quoi le mandat ne peut pas s'exercer) ; nul
    n'est son propre mandataire."""
    for doc, seance, _, comite_, annuaire, droit in _seances_du_comite(ctx):
        if fonctionnement_crefop(comite_):
            continue
        lecture = droit("interpretation.procuration_meme_college", trace=bool(seance.representes))
        presents = {norme(n) for n in seance.presents or ()}
        for i, r in enumerate(seance.representes or ()):
            mandant = annuaire.titulaires.get(norme(r.membre))
            mandataire = annuaire.siege(r.mandataire)
            if mandant is None or mandataire is None:
                continue  # participant-inconnu
            if mandant is mandataire:
                yield ctx.constat(
                    doc, ("representes", i, "mandataire"),
                    f"« {r.membre} » ne peut se représenter lui-même ou par son propre suppléant "
                    "(le suppléant siège de plein droit, sans procuration)",
                )
            elif not meme_college(annuaire, mandant, mandataire, lecture):
                yield ctx.constat(
                    doc, ("representes", i, "mandataire"),
                    f"procuration de « {r.membre} » (collège {LIBELLES[mandant.college]}) à "
                    f"« {r.mandataire} » (collège {LIBELLES[mandataire.college]}) : le mandataire "
                    "doit être du même collège",
                    chiffres={"college_mandant": mandant.college, "college_mandataire": mandataire.college},
                    droit=droit,
                )
            elif seance.presents is not None and norme(r.mandataire) not in presents:
                yield ctx.constat(
                    doc, ("representes", i, "mandataire"),
                    f"le mandataire « {r.mandataire} » ne figure pas parmi les présents : la "
                    "procuration ne peut pas être exercée",
                )


def _article_reglement(comite: Comite) -> str:
    """Le règlement intérieur qui fixe la diffusion des convocations : R. 5311-45 (CDE, CLE) ;
    celui du CREFOP pour le comité régional (R. 5311-45, 3e phrase ; R. 6123-3-12) et les comités
    territoriaux d'outre-mer (R. 5523-15-16-1, R. 5523-15-30, R. 5523-15-42)."""
    if comite.niveau == "regional":
        return "R. 6123-3-12"
    if comite.niveau == "territorial":
        return "R. 5523-15-30" if cle_composition(comite) == "territorial_L5523_8" else "R. 5523-15-16-1"
    if comite.niveau == "territorial_unique":
        return "R. 5523-15-42"
    return "R. 5311-45"


@regle(
    id="delai-convocation", gravite=Gravite.ERREUR, article="R. 5311-45",
    titre="La convocation respecte le délai fixé par le règlement intérieur",
    vigueur=VIGUEUR_METROPOLE,
    exemple=exemple_seance("convoques_le: 2025-03-05   # 7 jours, le règlement intérieur en exige 10\n"),
)
def delai_convocation(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-44 : les comités se réunissent sur convocation conjointe de leurs présidents ;
    R. 5311-45 : le règlement intérieur fixe les modalités de diffusion des convocations (au
    comité régional, celui du CREFOP, R. 6123-3-12 ; outre-mer, R. 5523-15-16-1, R. 5523-15-30, R. 5523-15-42). Quand
    il fixe un délai (`reglement_interieur.delai_convocation_jours`), la convocation
    (`convoques_le`, et la nouvelle convocation `sans_quorum_apres_convocation_du`) part au
    moins ce nombre de jours avant la séance. Les réunions des commissions suivent leurs propres
    règles et ne sont pas vérifiées."""
    for doc, seance, _, comite, _annuaire, _droit in _seances_du_comite(ctx, REUNIONS_DU_COMITE):
        ri = comite.reglement_interieur
        delai = ri.delai_convocation_jours if ri else None
        le = jour(seance.date)
        article = _article_reglement(comite)
        for cle in ("convoques_le", "sans_quorum_apres_convocation_du"):
            envoi = getattr(seance, cle)
            if envoi is None:
                continue
            ecart = (le - envoi).days
            if ecart < 0:
                yield ctx.constat(doc, (cle,), f"convocation du {fr(envoi)} postérieure à la séance du {fr(le)}",
                                  chiffres={"trouve": ecart}, article="R. 5311-44")
            elif delai is not None and ecart < delai:
                yield ctx.constat(
                    doc, (cle,),
                    f"convocation du {fr(envoi)} pour la séance du {fr(le)} : {ecart} jours, le règlement "
                    f"intérieur du comité « {seance.comite} » en exige {delai} "
                    f"(convoquer au plus tard le {fr(le - timedelta(days=delai))})",
                    chiffres={"trouve": ecart, "attendu": delai}, article=article,
                )


# --- obligations annuelles ------------------------------------------------------------------------


def _articles_pleniere(comite: Comite) -> str | None:
    """L'article qui impose la plénière annuelle à ce comité, ou None."""
    if comite.niveau == "regional":
        return "R. 6123-3-19" if comite.forme == "crefop_renomme" else "R. 5311-21"
    if comite.niveau == "departemental":
        return "R. 5311-27"
    if comite.niveau == "territorial":
        return "R. 5523-15-29" if cle_composition(comite) == "territorial_L5523_8" else "R. 5523-15-16"
    if comite.niveau == "territorial_unique":
        return "R. 5523-15-41"
    return None


def _debut_obligations(ctx: Contexte, comite: Comite) -> date | None:
    """Premier jour des obligations annuelles : l'installation (à défaut l'arrêté), pas avant
    l'entrée en vigueur des textes pour ce comité."""
    from cte_cli.droit.territoires import parametre_vigueur
    from cte_cli.referentiel.parametres_legaux import definition

    debut = debut_fonctionnement(comite)
    vigueur = definition(parametre_vigueur(comite)).debut
    if debut is None or vigueur is None:
        return None
    return max(debut, vigueur)


def _comites_et_seances(
    ctx: Contexte, niveaux: tuple[str, ...] | None = None
) -> Iterator[tuple[Document, Comite, date, list[Seance]]]:
    """(doc, comité, début des obligations, séances du comité hors commissions)."""
    index = seances_par_comite(ctx)
    for doc, comite in ctx.comites(niveaux):
        debut = _debut_obligations(ctx, comite)
        if debut is None or not ctx.en_vigueur(comite):
            continue
        seances = [s for _, s in index.get(comite.id, ()) if s.nature in REUNIONS_DU_COMITE]
        yield doc, comite, debut, seances


def _chemin_installation(doc: Document) -> Chemin:
    return ("installation",) if "installation" in doc.donnees else (("arrete",) if "arrete" in doc.donnees else ())


def _cible(doc: Document) -> Cible:
    return Cible.VALEUR if _chemin_installation(doc) else Cible.PARENT


def _periodes(ctx: Contexte, debut: date, par_an: str | Callable[[Any], int]) -> Iterator[tuple[PeriodeAnnuelle, Any]]:
    """(période, droit au dernier jour de la période) des périodes échues sur lesquelles une
    obligation annuelle est due depuis `debut` ; `par_an` : le paramètre du nombre annuel, ou une
    fonction du droit qui le donne. La lecture de l'année d'installation n'est mentionnée dans les
    constats que pour la période qu'elle détermine (la première)."""
    from cte_cli.referentiel.parametres_legaux import parametre

    lecture = parametre("interpretation.annee_installation", debut, ctx.surcharges_droit)

    def nombre(jour_: date) -> int:
        droit = ctx.droit(jour_)
        return (droit(par_an) if isinstance(par_an, str) else par_an(droit)) or 0

    for periode in periodes_annuelles(debut, ctx.date, nombre, lecture):
        droit = ctx.droit(periode.au)
        if periode.du == debut:
            droit("interpretation.annee_installation")  # la lecture décide de cette période
        yield periode, droit



def _periodes_en_defaut(ctx: Contexte, debut: date, par_an: str | Callable[[Any], int], jours: Iterable[date],
                        seances: list[Any], enregistrees: bool = True) -> Iterator[tuple[PeriodeAnnuelle, Any, int]]:
    """(période, droit, réunions tenues) des périodes échues où moins de réunions (`jours`) que le
    nombre exigé se sont tenues, une seule par année civile (la même réunion manque aux deux
    périodes de l'année d'installation) ; avec `enregistrees`, seulement les périodes dont des
    séances sont enregistrées (les autres relèvent de seances-non-enregistrees)."""
    signalees: set[int] = set()
    for periode, droit in _periodes(ctx, debut, par_an):
        tenues = sum(1 for d in jours if periode.contient(d))
        if enregistrees and not _enregistree(periode, seances):
            continue
        if tenues >= periode.exige or periode.au.year in signalees:
            continue
        signalees.add(periode.au.year)
        yield periode, droit, tenues

def _selon_la_lecture(constat: Constat, periode: PeriodeAnnuelle, jours: Iterable[date]) -> Constat:
    """Les douze mois qui suivent l'installation sont une lecture retenue, pas le texte (« au moins
    une fois par an ») : quand l'obligation est remplie sur l'année civile où ils finissent, une
    autre lecture raisonnable la tient pour respectée ; le constat n'est alors qu'un avertissement
    (une erreur ne doit pas dépendre d'une seule lecture possible)."""
    if not periode.premiere:
        return constat
    annee = periode.au.year
    if sum(1 for d in jours if d.year == annee) < periode.exige:
        return constat
    return replace(constat, gravite=Gravite.AVERTISSEMENT,
                   message=constat.message + f" ; en année civile, l'obligation de {annee} est remplie : "
                   "avertissement seulement")


def _enregistree(periode: PeriodeAnnuelle, seances: list[Seance]) -> bool:
    """Au moins une séance du comité est enregistrée pendant la période."""
    return any(periode.contient(jour(s.date)) for s in seances)


_NIVEAUX_PLENIERE = ("regional", "departemental", "territorial", "territorial_unique")


@regle(
    id="seances-non-enregistrees", gravite=Gravite.AVERTISSEMENT, article="R. 5311-21, R. 5311-27",
    titre="Le dépôt enregistre des séances pour chaque année écoulée depuis l'installation",
    vigueur=VIGUEUR_METROPOLE,
    exemple="# date: 2026-11-22\n# fichier: cde-21.yaml\n" + EXEMPLE_CDE + "# aucune séance enregistrée en 2025\n",
)
def seances_non_enregistrees(ctx: Contexte) -> Iterator[Constat]:
    """Une période échue (année civile, ou douze premiers mois après l'installation) sans aucune
    séance enregistrée pour un comité qui doit tenir une plénière annuelle (comités régional,
    départemental, territoriaux) est un trou dans le dépôt, pas la preuve qu'aucune réunion ne
    s'est tenue : avertissement, au lieu de l'erreur de plénière (R. 5311-21, R. 5311-27 ;
    réunions du CREFOP, R. 6123-3-14 ; conseils de l'instruction), qui ne porte que sur les
    périodes dont des séances sont enregistrées."""
    for doc, comite, debut, seances in _comites_et_seances(ctx, _NIVEAUX_PLENIERE):
        signalees: set[int] = set()
        for periode, droit in _periodes(ctx, debut, "seance.plenieres_par_an"):
            if _enregistree(periode, seances) or periode.au.year in signalees:
                continue
            signalees.add(periode.au.year)
            yield ctx.constat(
                doc, _chemin_installation(doc),
                f"aucune séance enregistrée {periode.libelle()} pour le comité « {comite.id} » : ajoutez au "
                "dépôt les séances tenues (plénière annuelle, réunions) pour qu'elles soient vérifiées",
                chiffres=periode.chiffres(),
                cible=_cible(doc), article=_articles_pleniere(comite) or INSTRUCTION, droit=droit,
            )


@regle(
    id="pleniere-annuelle", gravite=Gravite.ERREUR, article="R. 5311-21, R. 5311-27",
    titre="Au moins une réunion plénière par an (comités régional et départemental)",
    vigueur=VIGUEUR_METROPOLE,
    exemple="# date: 2026-11-22\n# fichier: cde-21.yaml\n" + EXEMPLE_CDE + """# fichier: seances/2025-03-12.yaml
type: seance
comite: cde-21
date: 2025-03-12T14:00
lieu: Préfecture de la Côte-d'Or
nature: ordinaire
ordre_du_jour: [Feuille de route départementale]
# aucune séance « nature: pleniere » en 2025
""",
)
def pleniere_annuelle(ctx: Contexte) -> Iterator[Constat]:
    """Les présidents convoquent au moins une fois par an une réunion plénière associant les
    personnes morales du III de L. 5311-7, où sont invités les présidents des comités locaux :
    CRE (R. 5311-21 ; CREFOP renommé R. 6123-3-19), CDE (R. 5311-27), comités territoriaux
    d'outre-mer (R. 5523-15-16, R. 5523-15-29, R. 5523-15-41). Nombre : paramètre
    `seance.plenieres_par_an`. Année d'installation : lecture `interpretation.annee_installation`
    (par défaut, la première plénière dans les douze mois de l'installation, puis une par année
    civile ; un seul constat quand la même plénière manque aux deux). Une période sans aucune
    séance enregistrée relève de seances-non-enregistrees ; l'année en cours, du rappel
    pleniere-annuelle-a-prevoir."""
    for doc, comite, debut, seances in _comites_et_seances(ctx, _NIVEAUX_PLENIERE):
        article = _articles_pleniere(comite)
        plenieres = [jour(s.date) for s in seances if s.nature == "pleniere"]
        for periode, droit, tenues in _periodes_en_defaut(ctx, debut, "seance.plenieres_par_an", plenieres, seances):
            yield _selon_la_lecture(ctx.constat(
                doc, _chemin_installation(doc),
                f"aucune réunion plénière du comité « {comite.id} » {periode.libelle()} parmi les séances "
                f"enregistrées (séance `nature: pleniere`) : au moins {periode.exige} par an ({article})",
                chiffres={**periode.chiffres(), "trouve": tenues, "attendu": periode.exige},
                article=article, cible=_cible(doc), droit=droit,
            ), periode, plenieres)


@regle(
    id="pleniere-annuelle-a-prevoir", gravite=Gravite.INFO, article="R. 5311-21, R. 5311-27",
    titre="Rappel : aucune plénière tenue ni prévue cette année (second semestre)",
    vigueur=VIGUEUR_METROPOLE,
    exemple="# date: 2026-09-15\n" + EXEMPLE_CDE,
)
def pleniere_annuelle_a_prevoir(ctx: Contexte) -> Iterator[Constat]:
    """Rappel pour l'année en cours, qui n'est pas échue : à partir du 1er juillet, si aucune
    séance plénière du comité n'est tenue ni enregistrée à une date ultérieure de l'année,
    prévoir celle qu'exigent R. 5311-21, R. 5311-27 (R. 6123-3-19, R. 5523-15-16, -29, -41).
    Pas de rappel l'année de l'installation."""
    annee = ctx.date.year
    if ctx.date < date(annee, 7, 1):  # pas un chiffre du droit : rappel à partir du second semestre
        return
    for doc, comite, debut, seances in _comites_et_seances(ctx, _NIVEAUX_PLENIERE):
        if debut.year == annee or any(s.nature == "pleniere" and jour(s.date).year == annee for s in seances):
            continue
        article = _articles_pleniere(comite)
        yield ctx.constat(
            doc, _chemin_installation(doc),
            f"aucune réunion plénière du comité « {comite.id} » tenue ni prévue en {annee} : à "
            f"convoquer avant le 31 décembre ({article})",
            chiffres={"annee": annee}, article=article, cible=_cible(doc),
        )


def _jours_de_reunion(comite: Comite, seances: list[Seance]) -> set[date]:
    """Jours de réunion du comité, la séance d'installation comprise même si elle n'est pas
    enregistrée."""
    jours = {jour(s.date) for s in seances}
    if comite.installation:
        jours.add(comite.installation)
    return jours


@regle(
    id="crefop-reunions-par-an", gravite=Gravite.ERREUR, article="R. 6123-3-14",
    titre="Le CREFOP devenu comité régional pour l'emploi se réunit au moins deux fois par an",
    famille="crefop", vigueur=VIGUEUR_METROPOLE,
    exemple="# date: 2026-11-22\n# fichier: cre.yaml\ntype: comite\nid: cre-27\nniveau: regional\n"
    "nom: Comité régional pour l'emploi de Bourgogne-Franche-Comté\nregion: \"27\"\nforme: crefop_renomme\n"
    "installation: 2024-09-10\npresidents: []\nmembres: []\n"
    "# fichier: seances/2025.yaml\ntype: seance\ncomite: cre-27\ndate: 2025-06-12\nlieu: Dijon\n"
    "nature: pleniere\nordre_du_jour: [Bilan]\n# une seule réunion en 2025\n",
)
def crefop_reunions_par_an(ctx: Contexte) -> Iterator[Constat]:
    """R. 6123-3-14 : le CREFOP « se réunit au moins deux fois par an » ; quand il prend le nom
    de comité régional pour l'emploi (`forme: crefop_renomme`, R. 6123-3-16), c'est une obligation
    de ce comité (erreur, à la place du conseil de trois réunions de l'instruction). Paramètre
    `crefop.reunions_par_an` ; périodes selon la lecture de l'année d'installation ; une période
    sans séance enregistrée relève de seances-non-enregistrees. Outre-mer, le CREFOP renommé
    relève de R. 6523-x (non vérifié)."""
    for doc, comite, debut, seances in _comites_et_seances(ctx, ("regional",)):
        if comite.forme != "crefop_renomme" or comite.region in OUTRE_MER:
            continue
        jours = _jours_de_reunion(comite, seances)
        for periode, droit, tenues in _periodes_en_defaut(ctx, debut, "crefop.reunions_par_an", jours, seances):
            yield _selon_la_lecture(ctx.constat(
                doc, _chemin_installation(doc),
                f"{tenues} réunion(s) du comité « {comite.id} » {periode.libelle()} : le CREFOP devenu comité "
                f"régional pour l'emploi se réunit au moins {periode.exige} fois par an (R. 6123-3-14)",
                chiffres={**periode.chiffres(), "trouve": tenues, "attendu": periode.exige},
                cible=_cible(doc), droit=droit,
            ), periode, jours)


@regle(
    id="reunions-par-an", gravite=Gravite.AVERTISSEMENT, article=INSTRUCTION,
    titre="Au moins trois réunions par an (ou le nombre que fixe le règlement intérieur)",
    vigueur=VIGUEUR_METROPOLE,
    exemple=exemple_seance("# seule réunion du comité en 2025\n", "2027-02-01"),
)
def reunions_par_an(ctx: Contexte) -> Iterator[Constat]:
    """Instruction DGEFP/DAT/2024/92, fiche 1 §2 : « Il est conseillé de réunir au minimum trois
    fois par an les comités » (paramètre `instruction.reunions_par_an`). Compte, par période
    (lecture de l'année d'installation : par défaut les douze mois qui suivent l'installation,
    puis chaque année civile), les jours de séance du comité (ordinaires, plénières, conférences
    des financeurs ; pas les commissions), la séance d'installation comprise même si elle n'est pas
    enregistrée. Quand le règlement intérieur fixe plus de réunions
    (`reglement_interieur.reunions_par_an`, R. 5311-45), c'est ce nombre qui est attendu. Ne vise
    pas le CREFOP renommé (R. 6123-3-14, règle crefop-reunions-par-an) ; pour un comité qui doit
    une plénière, une période sans séance enregistrée relève de seances-non-enregistrees."""
    for doc, comite, debut, seances in _comites_et_seances(ctx):
        if comite.niveau == "regional" and comite.forme == "crefop_renomme":
            continue
        ri = comite.reglement_interieur.reunions_par_an if comite.reglement_interieur else None
        jours = _jours_de_reunion(comite, seances)

        def attendues(droit: Any, ri: int | None = ri) -> int:
            return max(droit("instruction.reunions_par_an") or 0, ri or 0)

        for periode, droit, tenues in _periodes_en_defaut(ctx, debut, attendues, jours, seances,
                                                          enregistrees=comite.niveau in _NIVEAUX_PLENIERE):
            plein = droit("instruction.reunions_par_an") or 0
            du_ri = ri is not None and ri > plein
            prorata = " (année d'installation, au prorata)" if periode.exige < attendues(droit) else ""
            source = (f"le règlement intérieur en fixe {ri} (R. 5311-45)" if du_ri
                      else f"l'instruction DGEFP/DAT/2024/92 en conseille {plein}")
            yield ctx.constat(
                doc, _chemin_installation(doc),
                f"{tenues} réunion(s) du comité « {comite.id} » {periode.libelle()}, {periode.exige} "
                f"attendue(s){prorata} : {source}",
                chiffres={**periode.chiffres(), "trouve": tenues, "attendu": periode.exige},
                article="R. 5311-45" if du_ri else INSTRUCTION, cible=_cible(doc), droit=droit,
            )


@regle(
    id="conference-financeurs-annuelle", gravite=Gravite.AVERTISSEMENT, article=INSTRUCTION,
    titre="Une conférence des financeurs au moins une fois par an (comité départemental)",
    vigueur=VIGUEUR_METROPOLE,
    exemple="# date: 2026-11-22\n" + EXEMPLE_CDE
    + "# fichier: seances/2025-03-12.yaml\ntype: seance\ncomite: cde-21\ndate: 2025-03-12T14:00\n"
    "lieu: Préfecture de la Côte-d'Or\nnature: pleniere\nordre_du_jour: [Feuille de route]\n"
    "# aucune séance « nature: conference_financeurs » depuis l'installation\n",
)
def conference_financeurs_annuelle(ctx: Contexte) -> Iterator[Constat]:
    """L. 5311-10 II 4° : les comités réunissent des conférences des financeurs pour l'insertion
    sociale et professionnelle ; instruction DGEFP/DAT/2024/92, fiche 2 §1.3 : « L'Etat veillera
    à réunir la conférence des financeurs au moins une fois par an », au niveau départemental
    (paramètre `instruction.conference_financeurs_par_an` ; le niveau local tient une « conférence
    de financement » plus opérationnelle, non vérifiée). S'applique aux comités départementaux et
    aux comités territoriaux d'outre-mer qui en exercent les missions ; périodes échues dont des
    séances sont enregistrées."""
    for doc, comite, debut, seances in _comites_et_seances(ctx, ("departemental", "territorial", "territorial_unique")):
        conferences = [jour(s.date) for s in seances if s.nature == "conference_financeurs"]
        for periode, droit, tenues in _periodes_en_defaut(ctx, debut, "instruction.conference_financeurs_par_an",
                                                          conferences, seances):
            yield ctx.constat(
                doc, _chemin_installation(doc),
                f"aucune conférence des financeurs du comité « {comite.id} » {periode.libelle()} (séance "
                "`nature: conference_financeurs`) : l'instruction demande de la réunir au moins "
                f"{periode.exige} fois par an (L. 5311-10 II 4°)",
                chiffres={**periode.chiffres(), "trouve": tenues, "attendu": periode.exige},
                cible=_cible(doc), droit=droit,
            )


@regle(
    id="perimetre-a-reexaminer", gravite=Gravite.AVERTISSEMENT, article=INSTRUCTION,
    titre="Le ressort d'un comité local est réexaminé tous les trois ans",
    vigueur=VIGUEUR_METROPOLE,
    exemple="""# date: 2027-11-22
type: comite
id: cle-21-beaune
niveau: local
nom: Comité local pour l'emploi du Beaunois
region: "27"
departements: ["21"]
arrete: {reference: "Arrêté préfectoral n° 2024-1102", date: 2024-10-15}
ressort: {epci: ["242100154"]}
presidents:
  - {nom: Hélène Marchal, qualite: Préfète de la Côte-d'Or, college: etat}
  - {nom: Jean Colin, qualite: Président de Beaune Côte et Sud, college: epci}
membres:
  - {nom: Luc Faure, qualite: Vice-président, college: epci, epci: "242100154"}
# ni perimetre_revu_le ni nouvel arrêté depuis plus de trois ans
""",
)
def perimetre_a_reexaminer(ctx: Contexte) -> Iterator[Constat]:
    """Instruction DGEFP/DAT/2024/92, fiche 1 §1 : le préfet peut « réinterroger
    périodiquement la pertinence du ressort géographique retenu (recommandation tous les 3 ans) »
    (R. 5311-30 ; paramètre `instruction.reexamen_perimetre_ans`). Date de référence :
    `perimetre_revu_le` (dernier réexamen, même sans changement), à défaut la date de l'arrêté
    (`arrete.date`), à défaut l'installation."""
    from cte_cli.droit.dates import ans_en_mois

    for doc, comite in ctx.comites("local"):
        if not ctx.en_vigueur(comite):
            continue
        chemin: Chemin
        if comite.perimetre_revu_le:
            reference, chemin, quoi = comite.perimetre_revu_le, ("perimetre_revu_le",), "réexaminé le"
        elif comite.arrete:
            reference, chemin, quoi = comite.arrete.date, ("arrete", "date"), "arrêté le"
        elif comite.installation:
            reference, chemin, quoi = comite.installation, ("installation",), "installé le"
        else:
            continue
        droit = ctx.droit(reference)
        annees = droit("instruction.reexamen_perimetre_ans")
        if annees is None:
            continue
        echeance = ajouter_mois(reference, ans_en_mois(annees))
        if ctx.date > echeance:
            yield ctx.constat(
                doc, chemin,
                f"ressort du comité « {comite.id} » {quoi} {fr(reference)}, réexamen conseillé tous les "
                f"{annees} ans (échéance {fr(echeance)}) : notez le réexamen dans `perimetre_revu_le`",
                chiffres={"reference": str(reference), "echeance": str(echeance)}, droit=droit,
            )
