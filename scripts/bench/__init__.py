"""The benchmark (`make bench`): synthetic catalogues, builds measured against a plain baseline, the report."""
