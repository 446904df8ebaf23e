"""The extractor's word lists and cue patterns (YAML, one file per language plus common.yaml)."""
