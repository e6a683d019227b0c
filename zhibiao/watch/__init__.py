"""`zhibiao watch`: follow publishers' listing pages, feeds and sitemaps and ingest what is new.

    sources.py   the sources file (sources.toml): what to follow, how often, how gently
    fetch.py     polite HTTP: robots.txt, per-host rate limit, retries, conditional GET, size cap
    links.py     article links from feeds (feedparser), sitemaps and listing pages (courlan)
    archive.py   every raw response into WARC files beside the database (warcio)
    state.py     seen URLs, validators and runs, in the database (schema migration 2)
    run.py       one round, and the loop around it
    changes.py   what the last run brought: new facts, new periods, revisions, conflicts
"""
