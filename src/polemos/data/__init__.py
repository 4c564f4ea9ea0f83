"""Package data: word lists, lexicons and crosswalks (YAML, TSV, CSV) read by the pipeline through
the one loader, `polemos.datafiles`."""
