#!/usr/bin/env bash
# Set up the environment, review the bundled (fictional) demo ad and rank the demo CVs for it.
source "$(dirname "$0")/env.sh"
AD=demo/ads/social-media-specialist-sv.txt
echo "== kompetens review $AD"
.venv/bin/kompetens review "$AD" --html out/review.html
echo "== kompetens rank --role $AD demo/cvs/"
.venv/bin/kompetens rank --role "$AD" demo/cvs/ --top 10
echo "(HTML report: out/review.html)"
