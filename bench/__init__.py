"""Load and page-quality measurements of the shop as production runs it: `make bench`, `make lighthouse`."""
