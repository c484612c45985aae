"""Quotes and reported speech with their speakers, from one parsed article.

Four passes, each linear in the article (`rules.py` lists them with their rules in order): the quote marks
are paired (tolerating unusual and unbalanced ones), each quoted string is attributed to a cue or a source
through the parse, the words around it and the article's layout, or refused as not speech; reporting verbs
with a clausal complement and no quote marks yield indirect speech; speakers are resolved last, in text
order, so that `he added` can reach the subject of the previous attribution. Every word list and limit is
in `lexicon.py`.
"""

from pipeline.extract.quotes.extract import extract_quotes
from pipeline.extract.quotes.records import Quote, QuoteAnomaly, QuoteExtraction, RefusedQuote

__all__ = ["Quote", "QuoteAnomaly", "QuoteExtraction", "RefusedQuote", "extract_quotes"]
