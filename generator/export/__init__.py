"""Export: write generated pages and build the static site."""
