"""Named-entity mentions with titles split off and one type and one full name per name in an article.

The small spaCy model is weak on news names (it tags `Zelenskyy` as a place and `Dragone` as an
organisation); the whole article is better evidence than one sentence. A surname that completes a person
named elsewhere in the article is that person; a name after a title is a person; proper nouns joined by
`and` to a place, or naming a region, are places; and every spelling of one name gets the type most of
its mentions carry. The passes, in order, are in `extract.py`.
"""

from pipeline.extract.entities.extract import extract_mentions
from pipeline.extract.entities.records import Mention

__all__ = ["Mention", "extract_mentions"]
