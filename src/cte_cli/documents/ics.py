"""Invitation de calendrier (.ics, RFC 5545) pour une séance.

Un seul événement par séance, à l'heure de Paris (bloc VTIMEZONE Europe/Paris), avec un UID
stable : le même dépôt et la même séance donnent toujours le même UID, si bien qu'un
agenda met à jour l'événement au lieu de le dupliquer quand la convocation est régénérée
(SEQUENCE croît avec l'heure de génération). Le fichier ne contient ni courriel ni liste de
participants (il est envoyé à tous les membres). L'échappement des « , ; \\ » et des sauts de
ligne est fait par :func:`texte` (RFC 5545, § 3.3.11 ; `icalendar` lit « \\N » saisi dans un
texte comme un saut de ligne), le pliage des lignes à 75 octets par le paquet `icalendar`.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cte_cli.documents.typographie import nettoyer

FUSEAU = "Europe/Paris"
PRODID = "-//cte//Comités territoriaux pour l'emploi//FR"
#: origine de SEQUENCE (minutes écoulées depuis cette date)
ORIGINE_SEQUENCE = datetime(2024, 1, 1, tzinfo=UTC)


def identite_depot(racine: str | Path, comite: Any) -> str:
    """Identité stable du dépôt : l'adresse du dépôt git distant `origin` (sans protocole ni
    identifiants), sinon la région et le comité. Identique d'un clone à l'autre."""
    config = _config_git(Path(racine))
    if config is not None:
        adresse = _origine(config)
        if adresse:
            return adresse
    return f"region-{comite.region}/{comite.id}"


def _config_git(racine: Path) -> Path | None:
    dossier = racine.resolve()
    for candidat in (dossier, *dossier.parents):
        git = candidat / ".git"
        if git.is_dir() and (git / "config").is_file():
            return git / "config"
    return None


def _origine(config: Path) -> str | None:
    try:
        texte = config.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    bloc = re.search(r'\[remote "origin"\](.*?)(?:\n\[|\Z)', texte, re.S)
    url = re.search(r"^\s*url\s*=\s*(\S+)", bloc.group(1), re.M) if bloc else None
    if not url:
        return None
    adresse = re.sub(r"^[a-z+]+://", "", url.group(1))  # protocole
    adresse = re.sub(r"^[^@/]+@", "", adresse)  # identifiants
    return adresse.replace(":", "/").removesuffix(".git").rstrip("/")


def uid(identite: str, seance_id: str) -> str:
    """UID RFC 5545 stable, dérivé du dépôt et de l'identifiant de la séance."""
    return f"{uuid.uuid5(uuid.NAMESPACE_URL, f'cte:{identite}:{seance_id}')}@cte"


def lieu(seance: Any) -> str:
    """LOCATION : lieu, salle et adresse postale (« Préfecture, salle 1, 53 rue…, 21000 Dijon »)."""
    parties = [nettoyer(seance.lieu)]
    salle = getattr(seance, "salle", None)
    if salle:
        parties.append(nettoyer(salle) if nettoyer(salle).lower().startswith("salle") else f"salle {nettoyer(salle)}")
    adresse = getattr(seance, "adresse", None)
    if adresse is not None:
        parties += [nettoyer(adresse.voie), *([nettoyer(adresse.complement)] if adresse.complement else []),
                    f"{nettoyer(adresse.code_postal)} {nettoyer(adresse.commune)}"]
    return ", ".join(parties)


def description(comite: Any, seance: Any, libelle: str) -> str:
    points = "\n".join(f"{i}. {nettoyer(p)}" for i, p in enumerate(seance.ordre_du_jour, 1))
    texte = f"{nettoyer(comite.nom)}\n{libelle}\n\nOrdre du jour :\n{points}\n\n"
    visio = getattr(seance, "visio", None)
    if visio is not None:
        texte += f"Visioconférence : {nettoyer(visio.lien)}" + (f" (accès : {nettoyer(visio.acces)})" if visio.acces
                                                               else "") + "\n\n"
    contact = getattr(seance, "contact", None)
    if contact is not None:
        texte += "Secrétariat : " + ", ".join(nettoyer(x) for x in (contact.nom, contact.telephone, contact.courriel)
                                               if x) + "\n\n"
    return texte + "Convocation conjointe des coprésidents (article R. 5311-44 du code du travail)."


def invitation(comite: Any, seance: Any, seance_id: str, libelle: str, identite: str,
               maintenant: datetime | None = None, duree_minutes: int = 120) -> bytes:
    """Le fichier .ics de la séance (octets UTF-8, fins de ligne CRLF)."""
    from zoneinfo import ZoneInfo

    from icalendar import Calendar, Event

    maintenant = (maintenant or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    debut = seance.date.replace(tzinfo=ZoneInfo(FUSEAU))
    calendrier = Calendar()
    calendrier.add("prodid", PRODID)
    calendrier.add("version", "2.0")
    calendrier.add("calscale", "GREGORIAN")
    calendrier.add("method", "PUBLISH")
    evenement = Event()
    evenement.add("uid", uid(identite, seance_id))
    evenement.add("dtstamp", maintenant)
    evenement.add("last-modified", maintenant)
    evenement.add("sequence", max(0, int((maintenant - ORIGINE_SEQUENCE).total_seconds() // 60)))
    evenement.add("dtstart", debut)
    evenement.add("dtend", debut + timedelta(minutes=seance.duree_minutes or duree_minutes))
    evenement.add("summary", texte(f"{nettoyer(comite.nom)} – {libelle}"))
    evenement.add("location", texte(lieu(seance)))
    evenement.add("description", texte(description(comite, seance, libelle)))
    visio = getattr(seance, "visio", None)
    if visio is not None:  # URL et CONFERENCE (RFC 7986, § 5.11) : le lien de la visioconférence
        from icalendar import vUri

        evenement.add("url", vUri(nettoyer(visio.lien)))
        evenement.add("conference", vUri(nettoyer(visio.lien)),
                      parameters={"VALUE": "URI", "FEATURE": "VIDEO", "LABEL": "Visioconférence"})
    evenement.add("status", "CONFIRMED")
    evenement.add("transp", "OPAQUE")
    calendrier.add_component(fuseau_paris())
    calendrier.add_component(evenement)
    return calendrier.to_ical()


def texte(valeur: str) -> Any:
    """Une valeur TEXT échappée selon la RFC 5545 (§ 3.3.11) : la barre oblique inverse d'abord,
    puis « ; », « , » et les sauts de ligne ; un « \\N » saisi reste tel quel à la relecture."""
    from icalendar import vText

    class _Texte(vText):
        def to_ical(self) -> bytes:
            echappe = (str(self).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                       .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n"))
            return echappe.encode(self.encoding)  # type: ignore[attr-defined]  # attribut de vText

    return _Texte(valeur)


def fuseau_paris() -> Any:
    """VTIMEZONE Europe/Paris compact (règles de l'heure d'été de l'Union européenne depuis 1996 :
    dernier dimanche de mars à 2 h, dernier dimanche d'octobre à 3 h), celui des agendas courants."""
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    fuseau = Timezone()
    fuseau.add("tzid", FUSEAU)
    fuseau.add("x-lic-location", FUSEAU)
    for classe, nom, depuis, vers, debut, mois in (
        (TimezoneDaylight, "CEST", "+0100", "+0200", datetime(1970, 3, 29, 2), 3),
        (TimezoneStandard, "CET", "+0200", "+0100", datetime(1970, 10, 25, 3), 10),
    ):
        regle = classe()
        regle.add("tzname", nom)
        regle.add("tzoffsetfrom", _decalage(depuis))
        regle.add("tzoffsetto", _decalage(vers))
        regle.add("dtstart", debut)
        regle.add("rrule", {"freq": "yearly", "bymonth": mois, "byday": "-1su"})
        fuseau.add_component(regle)
    return fuseau


def _decalage(texte: str) -> timedelta:
    signe = -1 if texte[0] == "-" else 1
    return signe * timedelta(hours=int(texte[1:3]), minutes=int(texte[3:5]))
