"""Ce qu'un rendu en masse ne refait pas pour chaque document (issue 16, docs/performance.md).

`cte generate reglement --tous` rend le même modèle des centaines de fois. docxtpl prépare le
XML de chaque partie du modèle (`patch_xml`, des dizaines d'expressions régulières) puis Jinja
le compile (`from_string` : analyse, génération et compilation du code Python) à chaque
document : près de la moitié du temps d'un envoi en masse. Les deux dépendent seulement du
texte du modèle (et des réglages de l'environnement Jinja) : ils sont gardés ici, par texte.

Le document produit est identique octet pour octet (tests/test_documents_cache.py) : le code
compilé est relié à l'environnement du rendu en cours (filtres bornés, budget de `range`,
limites de taille), exactement comme Jinja le fait après sa propre compilation.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from docxtpl import DocxTemplate

#: textes de modèles gardés (chaque modèle .docx en a un par partie : corps, en-têtes, pieds)
TAILLE = 64


class _Lru:
    """Un petit cache LRU borné (clé -> valeur)."""

    def __init__(self, taille: int = TAILLE):
        self.taille = taille
        self.valeurs: OrderedDict[Any, Any] = OrderedDict()

    def obtenir(self, cle: Any, calcul: Any) -> Any:
        try:
            self.valeurs.move_to_end(cle)
            return self.valeurs[cle]
        except KeyError:
            valeur = calcul()
            self.valeurs[cle] = valeur
            if len(self.valeurs) > self.taille:
                self.valeurs.popitem(last=False)
            return valeur

    def vider(self) -> None:
        self.valeurs.clear()


_CODES = _Lru()
_XML = _Lru()


def _signature(env: Any) -> tuple:
    """Ce qui, dans l'environnement, change le code que Jinja génère pour un même texte."""
    finalize = env.finalize
    return (type(env), env.code_generator_class, env.autoescape, env.trim_blocks, env.lstrip_blocks,
            env.keep_trailing_newline, env.newline_sequence, env.optimized, env.block_start_string,
            env.block_end_string, env.variable_start_string, env.variable_end_string,
            env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
            env.line_comment_prefix, finalize is None, getattr(finalize, "jinja_pass_arg", None),
            tuple(sorted(env.filters)), tuple(sorted(env.tests)), tuple(sorted(env.extensions)))


def code_compile(env: Any, source: str) -> Any:
    """Le code compilé de `source` par `env` (`Environment.compile`), une fois par texte et par
    réglage ; une erreur de syntaxe n'est pas gardée (elle est levée à chaque fois)."""
    if not isinstance(source, str):
        return env.compile(source)
    return _CODES.obtenir((_signature(env), source), lambda: env.compile(source))


class GabaritDocx(DocxTemplate):
    """`DocxTemplate` dont la préparation du XML (`patch_xml`) est gardée par texte."""

    def patch_xml(self, src_xml: str) -> str:
        return _XML.obtenir(src_xml, lambda: DocxTemplate.patch_xml(self, src_xml))


def vider() -> None:
    """Oublie les modèles gardés (tests)."""
    _CODES.vider()
    _XML.vider()
