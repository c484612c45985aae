"""Cross-article resolution as pure functions over rows: canonical entities, quote keys, stories."""
