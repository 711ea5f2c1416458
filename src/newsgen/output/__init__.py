"""The write stage: the site's files into the output folder, all or nothing."""
