"""The NLP model and the parsed document: spaCy, the text it is given (re-cased headlines), name keys and
the name lists the small model lacks."""
