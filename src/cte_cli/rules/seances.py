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

import calendar
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property, lru_cache
from math import floor

from cte_cli.constats import Cible, Constat, Gravite
from cte_cli.rules import categories as cat
from cte_cli.rules.registry import ENTREE_EN_VIGUEUR_METROPOLE, Contexte, regle
from cte_cli.suggestions import proche

INSTRUCTION = "instruction DGEFP/DAT/2024/92"
#: natures de séance qui sont des réunions du comité lui-même (les commissions non)
REUNIONS_DU_COMITE = ("ordinaire", "pleniere", "conference_financeurs")
#: séances où le comité délibère : le quorum de R. 5311-40 s'y applique
DELIBERANTES = ("ordinaire", "pleniere")
#: réunions par an conseillées (instruction, fiche 1 §2)
REUNIONS_CONSEILLEES = 3
#: réexamen conseillé du ressort d'un comité local, en années (instruction, fiche 1 §1)
REEXAMEN_PERIMETRE_ANS = 3

# --- exemple commun : un comité local de 7 membres à voix délibérative --------------------

EXEMPLE_CLE = """# fichier: cle-21-beaune.yaml
type: comite
id: cle-21-beaune
niveau: local
nom: Comité local pour l'emploi du Beaunois
region: "27"
departements: ["21"]
installation: 2025-01-13
ressort: {epci: ["242100154", "200006682"]}
presidents:
  - {nom: Hélène Marchal, qualite: Préfète de la Côte-d'Or, college: etat}
  - {nom: Jean Colin, qualite: Président de Beaune Côte et Sud, college: epci}
membres:
  - {nom: Sophie Arnaud, qualite: Sous-préfète de Beaune, college: etat, voix: 2}
  - {nom: Marc Petit, qualite: Conseiller régional, college: region, voix: 1}
  - {nom: Anne Roy, qualite: Conseillère départementale, college: departement, voix: 1}
  - nom: Luc Faure
    qualite: Vice-président de Beaune Côte et Sud
    college: epci
    epci: "242100154"
    voix: 1
    suppleants: [{nom: Paul Girard, qualite: Conseiller communautaire}]
  - {nom: Inès Blanc, qualite: Vice-présidente, college: epci, epci: "200006682", voix: 1}
  - {nom: Paul Henry, qualite: Directeur territorial de France Travail, college: france_travail}
  - {nom: Rita Simon, qualite: Présidente de la mission locale, college: mission_locale}
reglement_interieur:
  adopte_le: 2025-01-13
  reunions_par_an: 3
  secretariat: Sous-préfecture de Beaune
  delai_convocation_jours: 10
  modalites_vote: consensus, à défaut majorité des suffrages exprimés
"""


#: un comité départemental installé le 7 octobre 2024, sans membres (exemples)
EXEMPLE_CDE = """type: comite
id: cde-21
niveau: departemental
nom: Comité départemental pour l'emploi de la Côte-d'Or
region: "27"
departements: ["21"]
installation: 2024-10-07
presidents:
  - {nom: Hélène Marchal, qualite: Préfète de la Côte-d'Or, college: etat}
  - {nom: François Sauvadet, qualite: Président du conseil départemental, college: departement}
membres: []
"""


def exemple_seance(suite: str, date_: str = "2026-11-22") -> str:
    """L'exemple commun suivi d'une séance ordinaire du 12 mars 2025 (pour `cte expliquer`)."""
    seance = ("type: seance\ncomite: cle-21-beaune\ndate: 2025-03-12T14:00\nlieu: Sous-préfecture de Beaune\n"
              "nature: ordinaire\nordre_du_jour: [Feuille de route 2025]\n")
    return f"# date: {date_}\n{EXEMPLE_CLE}# fichier: seances/2025-03-12.yaml\n{seance}{suite}"


# --- outils communs ---------------------------------------------------------------------------


def jour(moment: date | datetime) -> date:
    """La date d'une séance (date seule ou date et heure)."""
    return moment.date() if isinstance(moment, datetime) else moment


def ajouter_mois(depart: date, mois: int) -> date:
    """`depart` + `mois` mois, ramené au dernier jour du mois si besoin (31 août + 6 -> 28 février)."""
    annee, rang = divmod(depart.year * 12 + depart.month - 1 + mois, 12)
    return date(annee, rang + 1, min(depart.day, calendar.monthrange(annee, rang + 1)[1]))


def obligations_annuelles(debut: date, controle: date, par_an: int) -> Iterator[tuple[int, int]]:
    """(année, nombre exigé) pour chaque année civile échue depuis `debut` ; l'année de
    `debut` au prorata des jours restants, arrondi à l'entier le plus proche."""
    for annee in range(debut.year, controle.year):
        exige = par_an
        if annee == debut.year:
            fin = date(annee, 12, 31)
            exige = floor(par_an * ((fin - debut).days + 1) / ((fin - date(annee, 1, 1)).days + 1) + 0.5)
        if exige > 0:
            yield annee, exige


def debut_fonctionnement(comite) -> date | None:
    """Installation du comité, à défaut date de l'arrêté de composition."""
    return comite.date_reference()


def seances_par_comite(ctx: Contexte) -> dict[str, list[tuple]]:
    """Séances (document, modèle) de chaque comité, triées par date ; construit une fois par
    validation (six règles le consultent, sans le modifier)."""
    return ctx.memo("seances par comite", lambda: _seances_par_comite(ctx))


def _seances_par_comite(ctx: Contexte) -> dict[str, list[tuple]]:
    index: dict[str, list[tuple]] = defaultdict(list)
    for doc, seance in ctx.seances():
        index[seance.comite].append((doc, seance))
    for liste in index.values():
        liste.sort(key=lambda paire: jour(paire[1].date))
    return index


@lru_cache(maxsize=16_384)
def _norme(nom: str) -> str:
    """Le nom comparable : sans accents ni casse, tirets et espaces réduits à une espace.
    Fonction pure de son argument, donc mémoïsée (les mêmes noms reviennent à chaque séance
    et dans chaque règle)."""
    sans_accents = unicodedata.normalize("NFKD", nom).encode("ascii", "ignore").decode()
    return " ".join(sans_accents.casefold().replace("-", " ").split())


@dataclass(frozen=True, slots=True)
class Siege:
    """Un titulaire (membre ou coprésident) et ce qu'il faut pour le citer sans le nommer."""

    chemin: tuple  # ("membres", 3) ou ("presidents", 0) dans le fichier du comité
    college: str
    votant: bool
    suppleants: tuple[str, ...] = ()


@dataclass
class Annuaire:
    """Qui appartient au comité : titulaires, suppléants, coprésidents, invités (noms normés)."""

    titulaires: dict[str, Siege] = field(default_factory=dict)
    suppleants: dict[str, Siege] = field(default_factory=dict)
    invites: set[str] = field(default_factory=set)

    @classmethod
    def de(cls, comite) -> Annuaire:
        votants = cat.colleges_votants(comite)
        annuaire = cls()
        for i, p in enumerate(comite.presidents):
            annuaire.titulaires.setdefault(_norme(p.nom), Siege(("presidents", i), p.college, True))
        for i, m in enumerate(comite.membres):
            siege = Siege(("membres", i), m.college, m.college in votants,
                          tuple(_norme(s.nom) for s in m.suppleants))
            annuaire.titulaires.setdefault(_norme(m.nom), siege)
            for s in m.suppleants:
                annuaire.suppleants.setdefault(_norme(s.nom), siege)
        annuaire.invites = {_norme(i.nom) for i in comite.invites}
        return annuaire

    def siege(self, nom: str) -> Siege | None:
        """Le siège qu'occupe ce nom, comme titulaire ou comme suppléant."""
        cle = _norme(nom)
        return self.titulaires.get(cle) or self.suppleants.get(cle)

    def connu(self, nom: str) -> bool:
        return self.siege(nom) is not None or _norme(nom) in self.invites

    def indice_proche(self, nom: str) -> str:
        """« ; nom proche : membres n° 4 du comité » sans recopier le nom (données personnelles)."""
        tous = {**self.suppleants, **self.titulaires}
        trouve = proche(_norme(nom), list(tous))
        if trouve is None:
            return ""
        siege = tous[trouve]
        role = "suppléant de " if trouve in self.suppleants and trouve not in self.titulaires else ""
        rang = "coprésident" if siege.chemin[0] == "presidents" else "membre"
        return f" ; un nom proche figure au comité : {role}{rang} n° {siege.chemin[1] + 1}"

    def sieges_votants(self) -> list[Siege]:
        return [s for s in dict.fromkeys(self.titulaires.values()) if s.votant]

    @cached_property
    def noms_des_votants(self) -> list[set[str]]:
        """Pour chaque siège à voix délibérative, les noms qui le tiennent (titulaire, ou
        coprésident, et suppléants) ; calculé une fois par annuaire, pour le quorum."""
        return [
            {k for k, s in self.titulaires.items() if s is siege} | set(siege.suppleants)
            for siege in self.sieges_votants()
        ]


def annuaire_de(ctx: Contexte, comite) -> Annuaire:
    """L'annuaire du comité, construit une fois par validation et partagé par les règles de
    séance (chaque séance du comité, chaque règle)."""
    return ctx.memo(("annuaire", id(comite)), lambda: Annuaire.de(comite))


@dataclass
class Presence:
    """Décompte du quorum d'une séance (R. 5311-40)."""

    votants: int
    presents: int
    procurations_ecartees: int

    @property
    def quorum(self) -> int:
        return (self.votants + 1) // 2

    @property
    def atteint(self) -> bool:
        return self.presents >= self.quorum


def procuration_valide(annuaire: Annuaire, representation) -> bool:
    """Mandant membre du comité, mandataire titulaire ou suppléant du même collège (R. 5311-43)."""
    mandant = annuaire.titulaires.get(_norme(representation.membre))
    mandataire = annuaire.siege(representation.mandataire)
    return bool(mandant and mandataire and mandant is not mandataire and mandant.college == mandataire.college)


def presence(annuaire: Annuaire, seance) -> Presence:
    """Sièges à voix délibérative tenus par un présent (titulaire ou suppléant) ou représentés."""
    presents = {_norme(n) for n in seance.presents or ()}
    representes = {_norme(r.membre) for r in seance.representes or () if procuration_valide(annuaire, r)}
    ecartees = len(seance.representes or ()) - len(representes)
    compte = 0
    for noms in annuaire.noms_des_votants:
        if noms & presents or noms & representes:
            compte += 1
    return Presence(len(annuaire.noms_des_votants), compte, ecartees)


def _seances_deliberantes(ctx: Contexte) -> Iterator[tuple]:
    """(doc, séance, doc du comité, comité, annuaire) des séances où le comité délibère."""
    for doc, seance in ctx.seances():
        trouve = ctx.comite(seance.comite)
        if trouve is None or seance.nature not in DELIBERANTES or not ctx.en_vigueur(trouve[1]):
            continue
        yield doc, seance, trouve[0], trouve[1], annuaire_de(ctx, trouve[1])


# --- règles -----------------------------------------------------------------------------------


@regle(
    id="quorum", gravite=Gravite.ERREUR, article="R. 5311-40",
    titre="La moitié au moins des membres à voix délibérative sont présents ou représentés",
    applicable_du=ENTREE_EN_VIGUEUR_METROPOLE,
    exemple=exemple_seance("presents: [Hélène Marchal, Marc Petit, Paul Henry, Rita Simon]\n"),
)
def quorum(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-40 : le comité délibère valablement si la moitié au moins de ses membres ayant
    voix délibérative (les coprésidents et les collèges de R. 5311-37 : État, collectivités, et au
    CRE et au CDE les organisations syndicales et d'employeurs interprofessionnelles) sont présents,
    y compris par visioconférence, ou représentés (R. 5311-43). Un siège compte une fois, tenu
    par le titulaire ou son suppléant ; une procuration non conforme n'est pas comptée. Vérifié
    pour les séances ordinaires et plénières dont `presents` ou `representes` est renseigné ; une
    séance tenue après une nouvelle convocation sans quorum (`sans_quorum_apres_convocation_du`)
    relève de la règle seance-sans-quorum."""
    for doc, seance, _, comite, annuaire in _seances_deliberantes(ctx):
        if seance.presents is None and seance.representes is None:
            continue
        if seance.sans_quorum_apres_convocation_du is not None:
            continue
        p = presence(annuaire, seance)
        if p.atteint:
            continue
        ecartees = (f" ({p.procurations_ecartees} procuration(s) non conforme(s) non comptée(s))"
                    if p.procurations_ecartees else "")
        chemin = ("presents",) if "presents" in doc.donnees else ("representes",)
        yield ctx.constat(
            doc, chemin,
            f"{p.presents} membres à voix délibérative présents ou représentés sur {p.votants}, "
            f"quorum {p.quorum}{ecartees} : le comité « {comite.id} » ne pouvait pas délibérer ; "
            "reconvoquez sur le même ordre du jour en précisant qu'aucun quorum ne sera exigé "
            "(clé `sans_quorum_apres_convocation_du` de la nouvelle séance)",
            chiffres={"trouve": p.presents, "votants": p.votants, "quorum": p.quorum,
                      "procurations_ecartees": p.procurations_ecartees},
        )


@regle(
    id="seance-sans-quorum", gravite=Gravite.ERREUR, article="R. 5311-40",
    titre="Une séance sans quorum suit une séance où le quorum manquait, sur le même ordre du jour",
    applicable_du=ENTREE_EN_VIGUEUR_METROPOLE,
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
    for doc, seance, _, _, annuaire in _seances_deliberantes(ctx):
        convocation = seance.sans_quorum_apres_convocation_du
        if convocation is None:
            continue
        chemin = ("sans_quorum_apres_convocation_du",)
        if convocation > jour(seance.date):
            yield ctx.constat(
                doc, chemin, f"nouvelle convocation du {convocation:%d/%m/%Y} postérieure à la séance du "
                f"{jour(seance.date):%d/%m/%Y}", chiffres={"convocation": str(convocation)},
            )
            continue
        odj = {_norme(point) for point in seance.ordre_du_jour}
        anterieures = [
            s for _, s in index.get(seance.comite, ())
            if jour(s.date) <= convocation and s is not seance and s.nature in DELIBERANTES
            and odj <= {_norme(point) for point in s.ordre_du_jour}
        ]
        if not anterieures:
            yield ctx.constat(
                doc, chemin,
                f"aucune séance du comité « {seance.comite} » antérieure au {convocation:%d/%m/%Y} sur le même "
                "ordre du jour : la dispense de quorum ne vaut qu'après une séance où le quorum "
                "n'a pas été atteint",
            )
            continue
        inconnues = [s for s in anterieures if s.presents is None and s.representes is None]
        if not inconnues and all(presence(annuaire, s).atteint for s in anterieures):
            derniere = anterieures[-1]
            p = presence(annuaire, derniere)
            yield ctx.constat(
                doc, chemin,
                f"la séance du {jour(derniere.date):%d/%m/%Y} sur le même ordre du jour avait atteint le "
                f"quorum ({p.presents} sur {p.votants}, quorum {p.quorum}) : pas de dispense de "
                "quorum sans séance où il a manqué",
                chiffres={"trouve": p.presents, "votants": p.votants, "quorum": p.quorum},
            )


@regle(
    id="participant-inconnu", gravite=Gravite.ERREUR, article="R. 5311-40",
    titre="Les présents et les représentés sont des membres, suppléants, coprésidents ou invités du comité",
    applicable_du=ENTREE_EN_VIGUEUR_METROPOLE,
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
    for doc, seance in ctx.seances():
        trouve = ctx.comite(seance.comite)
        if trouve is None or not ctx.en_vigueur(trouve[1]):
            continue
        comite = trouve[1]
        annuaire = annuaire_de(ctx, comite)
        qui = f"du comité « {comite.id} »"
        commission = next((c for c in comite.commissions if c.id == seance.commission), None)
        de_la_commission = {_norme(n) for n in commission.membres} if commission else set()
        for i, nom in enumerate(seance.presents or ()):
            if not annuaire.connu(nom) and _norme(nom) not in de_la_commission:
                yield ctx.constat(
                    doc, ("presents", i),
                    f"« {nom} » n'est ni membre, ni suppléant, ni coprésident, ni invité {qui}"
                    + annuaire.indice_proche(nom),
                )
        presents = {_norme(n) for n in seance.presents or ()}
        for i, r in enumerate(seance.representes or ()):
            if _norme(r.membre) not in annuaire.titulaires:
                yield ctx.constat(
                    doc, ("representes", i, "membre"),
                    f"membre représenté « {r.membre} » : pas un membre titulaire ni un coprésident {qui}"
                    + annuaire.indice_proche(r.membre),
                )
            elif _norme(r.membre) in presents:
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
    applicable_du=ENTREE_EN_VIGUEUR_METROPOLE,
    exemple=exemple_seance("""presents: [Hélène Marchal, Jean Colin, Sophie Arnaud, Marc Petit]
representes:
  - {membre: Anne Roy, mandataire: Marc Petit}   # département -> région
"""),
)
def procuration_meme_college(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-43 : en l'absence de suppléant, ou s'il ne peut se faire remplacer par lui, un
    membre peut donner mandat à un autre membre du même collège, titulaire ou suppléant. Le
    collège d'un suppléant est celui de son titulaire ; celui d'un coprésident, le sien. Le
    mandataire doit être présent quand la liste des présents est renseignée ; nul n'est son
    propre mandataire."""
    for doc, seance in ctx.seances():
        trouve = ctx.comite(seance.comite)
        if trouve is None or not ctx.en_vigueur(trouve[1]):
            continue
        annuaire = annuaire_de(ctx, trouve[1])
        presents = {_norme(n) for n in seance.presents or ()}
        for i, r in enumerate(seance.representes or ()):
            mandant = annuaire.titulaires.get(_norme(r.membre))
            mandataire = annuaire.siege(r.mandataire)
            if mandant is None or mandataire is None:
                continue  # participant-inconnu
            if mandant is mandataire:
                yield ctx.constat(
                    doc, ("representes", i, "mandataire"),
                    f"« {r.membre} » ne peut se représenter lui-même ou par son propre suppléant "
                    "(le suppléant siège de plein droit, sans procuration)",
                )
            elif mandant.college != mandataire.college:
                yield ctx.constat(
                    doc, ("representes", i, "mandataire"),
                    f"procuration de « {r.membre} » (collège {cat.LIBELLES[mandant.college]}) à "
                    f"« {r.mandataire} » (collège {cat.LIBELLES[mandataire.college]}) : le mandataire "
                    "doit être du même collège",
                    chiffres={"college_mandant": mandant.college, "college_mandataire": mandataire.college},
                )
            elif seance.presents is not None and _norme(r.mandataire) not in presents:
                yield ctx.constat(
                    doc, ("representes", i, "mandataire"),
                    f"le mandataire « {r.mandataire} » ne figure pas parmi les présents : la "
                    "procuration ne peut pas être exercée",
                )


@regle(
    id="delai-convocation", gravite=Gravite.ERREUR, article="R. 5311-45",
    titre="La convocation respecte le délai fixé par le règlement intérieur",
    applicable_du=ENTREE_EN_VIGUEUR_METROPOLE,
    exemple=exemple_seance("convoques_le: 2025-03-05   # 7 jours, le règlement intérieur en exige 10\n"),
)
def delai_convocation(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-44 : les comités se réunissent sur convocation conjointe de leurs présidents ;
    R. 5311-45 : le règlement intérieur fixe les modalités de diffusion des convocations. Quand
    il fixe un délai (`reglement_interieur.delai_convocation_jours`), la convocation
    (`convoques_le`, et la nouvelle convocation `sans_quorum_apres_convocation_du`) part au
    moins ce nombre de jours avant la séance. Les réunions des commissions suivent leurs propres
    règles et ne sont pas vérifiées."""
    for doc, seance in ctx.seances():
        trouve = ctx.comite(seance.comite)
        if trouve is None or seance.nature == "commission" or not ctx.en_vigueur(trouve[1]):
            continue
        ri = trouve[1].reglement_interieur
        delai = ri.delai_convocation_jours if ri else None
        le = jour(seance.date)
        for cle in ("convoques_le", "sans_quorum_apres_convocation_du"):
            envoi = getattr(seance, cle)
            if envoi is None:
                continue
            ecart = (le - envoi).days
            if ecart < 0:
                yield ctx.constat(doc, (cle,), f"convocation du {envoi:%d/%m/%Y} postérieure à la séance du {le:%d/%m/%Y}",
                                  chiffres={"trouve": ecart})
            elif delai is not None and ecart < delai:
                yield ctx.constat(
                    doc, (cle,),
                    f"convocation du {envoi:%d/%m/%Y} pour la séance du {le:%d/%m/%Y} : {ecart} jours, le règlement "
                    f"intérieur du comité « {seance.comite} » en exige {delai} "
                    f"(convoquer au plus tard le {date.fromordinal(le.toordinal() - delai):%d/%m/%Y})",
                    chiffres={"trouve": ecart, "attendu": delai},
                )


def _articles_pleniere(comite) -> str | None:
    """L'article qui impose la plénière annuelle à ce comité, ou None."""
    if comite.niveau == "regional":
        return "R. 6123-3-19" if comite.forme == "crefop_renomme" else "R. 5311-21"
    if comite.niveau == "departemental":
        return "R. 5311-27"
    if comite.niveau == "territorial":
        return "R. 5523-15-29" if comite.region in cat.REGIONS_L5523_8 else "R. 5523-15-16"
    if comite.niveau == "territorial_unique":
        return "R. 5523-15-41"
    return None


def _comites_et_seances(ctx: Contexte, niveaux: tuple[str, ...] | None = None) -> Iterator[tuple]:
    """(doc, comité, début de fonctionnement, séances du comité hors commissions)."""
    index = seances_par_comite(ctx)
    for doc, comite in ctx.comites(niveaux):
        debut = debut_fonctionnement(comite)
        if debut is None or not ctx.en_vigueur(comite):
            continue
        seances = [s for _, s in index.get(comite.id, ()) if s.nature in REUNIONS_DU_COMITE]
        yield doc, comite, debut, seances


def _chemin_installation(doc) -> tuple:
    return ("installation",) if "installation" in doc.donnees else (("arrete",) if "arrete" in doc.donnees else ())


_NIVEAUX_PLENIERE = ("regional", "departemental", "territorial", "territorial_unique")


@regle(
    id="pleniere-annuelle", gravite=Gravite.ERREUR, article="R. 5311-21, R. 5311-27",
    titre="Au moins une réunion plénière par année civile (comités régional et départemental)",
    applicable_du=ENTREE_EN_VIGUEUR_METROPOLE,
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
    d'outre-mer (R. 5523-15-16, R. 5523-15-29, R. 5523-15-41). Compté par année civile échue
    depuis l'installation (`nature: pleniere`), l'année d'installation au prorata (voir le
    module) ; l'année en cours relève du rappel pleniere-annuelle-a-prevoir."""
    for doc, comite, debut, seances in _comites_et_seances(ctx, _NIVEAUX_PLENIERE):
        article = _articles_pleniere(comite)
        annees = {jour(s.date).year for s in seances if s.nature == "pleniere"}
        for annee, _ in obligations_annuelles(debut, ctx.date, 1):
            if annee not in annees:
                yield ctx.constat(
                    doc, _chemin_installation(doc),
                    f"aucune réunion plénière du comité « {comite.id} » en {annee} (séance "
                    f"`nature: pleniere`) : au moins une par an ({article})",
                    chiffres={"annee": annee, "trouve": 0, "attendu": 1}, article=article,
                    cible=Cible.VALEUR if _chemin_installation(doc) else Cible.PARENT,
                )


@regle(
    id="pleniere-annuelle-a-prevoir", gravite=Gravite.INFO, article="R. 5311-21, R. 5311-27",
    titre="Rappel : aucune plénière tenue ni prévue cette année (second semestre)",
    applicable_du=ENTREE_EN_VIGUEUR_METROPOLE,
    exemple="# date: 2026-09-15\n" + EXEMPLE_CDE,
)
def pleniere_annuelle_a_prevoir(ctx: Contexte) -> Iterator[Constat]:
    """Rappel pour l'année en cours, qui n'est pas échue : à partir du 1er juillet, si aucune
    séance plénière du comité n'est tenue ni enregistrée à une date ultérieure de l'année,
    prévoir celle qu'exigent R. 5311-21, R. 5311-27 (R. 6123-3-19, R. 5523-15-16, -29, -41).
    Pas de rappel l'année de l'installation si elle a eu lieu après le 1er juillet."""
    if ctx.date.month < 7:
        return
    annee = ctx.date.year
    for doc, comite, debut, seances in _comites_et_seances(ctx, _NIVEAUX_PLENIERE):
        du = max(debut, date(annee, 1, 1))
        exige = dict(obligations_annuelles(du, date(annee + 1, 1, 1), 1)).get(annee, 0)
        if not exige or any(s.nature == "pleniere" and jour(s.date).year == annee for s in seances):
            continue
        article = _articles_pleniere(comite)
        yield ctx.constat(
            doc, _chemin_installation(doc),
            f"aucune réunion plénière du comité « {comite.id} » tenue ni prévue en {annee} : à "
            f"convoquer avant le 31 décembre ({article})",
            chiffres={"annee": annee}, article=article,
            cible=Cible.VALEUR if _chemin_installation(doc) else Cible.PARENT,
        )


@regle(
    id="reunions-par-an", gravite=Gravite.AVERTISSEMENT, article=INSTRUCTION,
    titre="Au moins trois réunions par an (ou le nombre que fixe le règlement intérieur)",
    applicable_du=ENTREE_EN_VIGUEUR_METROPOLE,
    exemple=exemple_seance("# seule réunion du comité en 2025\n"),
)
def reunions_par_an(ctx: Contexte) -> Iterator[Constat]:
    """Instruction DGEFP/DAT/2024/92, fiche 1 §2 : « Il est conseillé de réunir au minimum trois
    fois par an les comités ». Compte, par année civile échue depuis l'installation (l'année
    d'installation au prorata), les jours de séance du comité (ordinaires, plénières,
    conférences des financeurs ; pas les commissions), la séance d'installation comprise même si
    elle n'est pas enregistrée. Quand le règlement intérieur fixe plus de réunions
    (`reglement_interieur.reunions_par_an`, R. 5311-45), c'est ce nombre qui est attendu."""
    for doc, comite, debut, seances in _comites_et_seances(ctx):
        ri = comite.reglement_interieur.reunions_par_an if comite.reglement_interieur else None
        par_an = max(REUNIONS_CONSEILLEES, ri or 0)
        source = (f"le règlement intérieur en fixe {par_an} (R. 5311-45)" if ri and ri > REUNIONS_CONSEILLEES
                  else f"l'instruction DGEFP/DAT/2024/92 en conseille {REUNIONS_CONSEILLEES}")
        article = "R. 5311-45" if ri and ri > REUNIONS_CONSEILLEES else INSTRUCTION
        jours = {jour(s.date) for s in seances}
        if comite.installation and comite.installation not in jours:
            jours.add(comite.installation)  # la séance d'installation, si elle n'est pas enregistrée
        par_annee = defaultdict(int)
        for d in jours:
            par_annee[d.year] += 1
        for annee, exige in obligations_annuelles(debut, ctx.date, par_an):
            if par_annee[annee] < exige:
                prorata = " (année d'installation, au prorata)" if annee == debut.year and exige < par_an else ""
                yield ctx.constat(
                    doc, _chemin_installation(doc),
                    f"{par_annee[annee]} réunion(s) du comité « {comite.id} » en {annee}, {exige} "
                    f"attendue(s){prorata} : {source}",
                    chiffres={"annee": annee, "trouve": par_annee[annee], "attendu": exige},
                    article=article, cible=Cible.VALEUR if _chemin_installation(doc) else Cible.PARENT,
                )


@regle(
    id="conference-financeurs-annuelle", gravite=Gravite.AVERTISSEMENT, article=INSTRUCTION,
    titre="Une conférence des financeurs au moins une fois par an (comité départemental)",
    applicable_du=ENTREE_EN_VIGUEUR_METROPOLE,
    exemple="# date: 2026-11-22\n" + EXEMPLE_CDE
    + "# aucune séance « nature: conference_financeurs » en 2025\n",
)
def conference_financeurs_annuelle(ctx: Contexte) -> Iterator[Constat]:
    """L. 5311-10 II 4° : les comités réunissent des conférences des financeurs pour l'insertion
    sociale et professionnelle ; instruction DGEFP/DAT/2024/92, fiche 2 §1.3 : « L'Etat veillera
    à réunir la conférence des financeurs au moins une fois par an », au niveau départemental
    (le niveau local tient une « conférence de financement » plus opérationnelle, non vérifiée).
    S'applique aux comités départementaux et aux comités territoriaux d'outre-mer qui en
    exercent les missions ; années civiles échues depuis l'installation (`nature:
    conference_financeurs`)."""
    for doc, comite, debut, seances in _comites_et_seances(ctx, ("departemental", "territorial", "territorial_unique")):
        annees = {jour(s.date).year for s in seances if s.nature == "conference_financeurs"}
        for annee, _ in obligations_annuelles(debut, ctx.date, 1):
            if annee not in annees:
                yield ctx.constat(
                    doc, _chemin_installation(doc),
                    f"aucune conférence des financeurs du comité « {comite.id} » en {annee} (séance "
                    "`nature: conference_financeurs`) : l'instruction demande de la réunir au moins "
                    "une fois par an (L. 5311-10 II 4°)",
                    chiffres={"annee": annee, "trouve": 0, "attendu": 1},
                    cible=Cible.VALEUR if _chemin_installation(doc) else Cible.PARENT,
                )


@regle(
    id="perimetre-a-reexaminer", gravite=Gravite.AVERTISSEMENT, article=INSTRUCTION,
    titre="Le ressort d'un comité local est réexaminé tous les trois ans",
    applicable_du=ENTREE_EN_VIGUEUR_METROPOLE,
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
    (R. 5311-30). Date de référence : `perimetre_revu_le` (dernier réexamen, même sans
    changement), à défaut la date de l'arrêté (`arrete.date`), à défaut l'installation."""
    for doc, comite in ctx.comites("local"):
        if not ctx.en_vigueur(comite):
            continue
        if comite.perimetre_revu_le:
            reference, chemin, quoi = comite.perimetre_revu_le, ("perimetre_revu_le",), "réexaminé le"
        elif comite.arrete:
            reference, chemin, quoi = comite.arrete.date, ("arrete", "date"), "arrêté le"
        elif comite.installation:
            reference, chemin, quoi = comite.installation, ("installation",), "installé le"
        else:
            continue
        echeance = ajouter_mois(reference, 12 * REEXAMEN_PERIMETRE_ANS)
        if ctx.date > echeance:
            yield ctx.constat(
                doc, chemin,
                f"ressort du comité « {comite.id} » {quoi} {reference:%d/%m/%Y}, réexamen conseillé tous les "
                f"{REEXAMEN_PERIMETRE_ANS} ans (échéance {echeance:%d/%m/%Y}) : notez le réexamen dans "
                "`perimetre_revu_le`",
                chiffres={"reference": str(reference), "echeance": str(echeance)},
            )
