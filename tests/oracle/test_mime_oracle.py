"""File upload Content-Types against the mime-types package Postman's runtime uses."""

from __future__ import annotations

from node import needs, run_oracle

from generator.postman.mime import file_type

pytestmark = needs("mime-types")

# Extensions people upload through Postman collections, plus odd spellings.
EXTENSIONS = """txt bin pdf json js mjs xml png csv gz md yaml yml webp docx xlsx pptx doc xls ppt
html htm css jpg jpeg gif svg zip tar mp4 mp3 wav ogg rtf tif tiff ico woff woff2 ts py sh 7z
jar apk exe dmg iso log ini conf toml avro parquet proto pem crt key p12 heic mov avi mkv flac
aac m4a eml msg ics vcf epub odt ods odp rar bz2 xz tgz wasm JPG Pdf""".split()


def test_upload_content_types_match_postman() -> None:
    names = [f"dir/file.{ext}" for ext in EXTENSIONS] + ["noext", "dir.d/noext", "C:\\\\x\\\\y.png"]
    expected = run_oracle("mime_oracle.js", names)
    differ = [
        (n, want, file_type(n))
        for n, want in zip(names, expected, strict=True)
        if file_type(n) != want
    ]
    assert not differ
