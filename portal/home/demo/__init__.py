"""Demo content for the portal: a fictional borough's partnership site, built by ``manage.py load_demo``.

``specs`` holds the plain data types and block helpers, ``content``, ``guidance`` and ``leaflets``
the words (as data), ``pdfs`` turns a leaflet into a PDF, ``accounts`` the demo logins and
``builder`` writes everything to the database, idempotently.

The Voice of the Child toolkit and the Youth Hub follow the same pattern: ``toolkit_specs`` holds
their data types; ``toolkit``, ``toolkit_documents``, ``youth_hub`` and ``glossary_terms`` the
words; ``toolkit_build`` writes them, on top of ``builder``.
"""
