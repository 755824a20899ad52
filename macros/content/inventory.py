"""The inventory of the content folder: every path is exactly one known kind of file, or a problem.

The content folder is filled by pull requests, so it is read as an allow-list. A path is one of:

- a resource: `<type folder>/…/<slug>.md`, the type folders coming from the taxonomy;
- a site page: a Markdown file at the top, named in the `site_pages` setting;
- a data file: the taxonomy, pathways, packs, the front matter schema at the top, or a
  `.meta.yml` of folder defaults inside a type folder;
- an image (PNG, JPEG, WebP or GIF, within a size limit) inside a type folder, used by a
  resource in the same folder or a folder above it.

Anything else is a problem, and the build publishes exactly the resources, site pages and
images listed here. Symbolic links are refused wherever they are and never followed: a link
could publish any file the build machine can read.
"""

from __future__ import annotations

import os
import posixpath
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from macros.content.problems import Problem, closest, did_you_mean, display_path

FOLDER_DEFAULTS = ".meta.yml"
# Names are matched whole (fullmatch): with match(), `$` also matches before a final newline, so
# "attack\n.md" would pass for a plain name.
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ASSET_NAME_RE = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")
# File signatures of the image kinds a resource may use (the extension alone proves nothing).
IMAGE_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),  # and "WEBP" at offset 8, checked below
}
MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_IMAGE_PIXELS = 24_000_000  # 6000 × 4000: more than any page needs, far short of a decompression bomb
MAX_RESOURCE_BYTES = 256 * 1024
SLUG_MAX_LENGTH = 60
# More files than this in the content folder is not a library any programme would write by hand.
MAX_FILES = 50_000


@dataclass
class Inventory:
    """Every file under the content folder, by kind (paths relative to it, with forward slashes)."""

    docs_dir: Path
    resources: list[str] = field(default_factory=list)
    site_pages: list[str] = field(default_factory=list)
    data_files: list[str] = field(default_factory=list)
    folder_defaults: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def published(self) -> frozenset[str]:
        """What the build may publish: resources, site pages and images (data files are read, not published)."""
        return frozenset(self.resources) | frozenset(self.site_pages) | frozenset(self.images)

    def shown(self, src_uri: str) -> str:
        return display_path(self.docs_dir / src_uri)

    def problem(self, src_uri: str, message: str, hint: str = "", line: int = 1) -> None:
        self.problems.append(Problem(self.shown(src_uri), line, message, hint))


def take_inventory(
    docs_dir: Path, *, type_folders: list[str], site_pages: list[str], data_files: list[str]
) -> Inventory:
    """Walk the content folder without following links and sort every path into its kind."""
    docs_dir = Path(docs_dir)
    inventory = Inventory(docs_dir)
    if docs_dir.is_symlink() or not docs_dir.is_dir():
        inventory.problems.append(
            Problem(
                display_path(docs_dir),
                1,
                "the content folder is missing or is a link",
                "content/ must be a real folder in the repository",
            )
        )
        return inventory
    count = 0
    for src_uri, mode in _walk(docs_dir):
        count += 1
        if count > MAX_FILES:
            inventory.problem(
                src_uri,
                f"the content folder holds more than {MAX_FILES:,} files",
                "remove what is not part of the library",
            )
            break
        _sort(inventory, src_uri, mode, type_folders, site_pages, data_files)
    return inventory


def _walk(root: Path):
    """(path relative to root, lstat mode) of every entry, depth first in name order; links are not followed."""
    stack = [""]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(root / folder if folder else root) as scan:
                names = sorted((entry.name, entry.stat(follow_symlinks=False).st_mode) for entry in scan)
        except OSError:
            yield folder, 0
            continue
        for name, mode in reversed(names):
            src_uri = f"{folder}/{name}" if folder else name
            if stat.S_ISDIR(mode):
                stack.append(src_uri)
            else:
                yield src_uri, mode
        # Folders are yielded as a whole (their files), so an empty folder is simply nothing.


def _sort(
    inventory: Inventory, src_uri: str, mode: int, type_folders: list[str], site_pages: list[str], data_files: list[str]
) -> None:
    parts = src_uri.split("/")
    name = parts[-1]
    if stat.S_ISLNK(mode):
        inventory.problem(
            src_uri,
            "symbolic links are not allowed in the content folder",
            "replace the link with the file itself (it is never followed)",
        )
        return
    if not stat.S_ISREG(mode):
        inventory.problem(
            src_uri, "this is not an ordinary file", "the content folder holds only text files and images"
        )
        return
    hidden = next((p for p in parts if p.startswith(".")), None)
    if len(parts) == 1:
        if name in site_pages:
            inventory.site_pages.append(src_uri)
        elif name in data_files:
            inventory.data_files.append(src_uri)
        elif name.endswith(".md"):
            inventory.problem(
                src_uri,
                f"'{name}' is not one of the site's pages",
                "a resource goes in its type's folder, for example content/"
                f"{type_folders[0] if type_folders else 'briefings'}/{name}; the site's own pages are "
                + ", ".join(site_pages),
            )
        else:
            inventory.problem(
                src_uri,
                f"'{name}' is not a file the library uses",
                "the top of content/ holds only the site's pages and data files: "
                + ", ".join([*site_pages, *data_files]),
            )
        return
    if parts[0] not in type_folders:
        near = closest(parts[0], type_folders, n=1)
        hint = (
            f"did you mean content/{near[0]}/?"
            if near
            else "resources go in a type folder: " + ", ".join(f"content/{f}/" for f in type_folders)
        )
        inventory.problem(src_uri, f"folder '{parts[0]}/' is not a resource type's folder", hint)
        return
    if name == FOLDER_DEFAULTS and hidden == name:
        inventory.folder_defaults.append(src_uri)
        return
    if hidden is not None:
        inventory.problem(
            src_uri,
            f"hidden file or folder '{hidden}' is not allowed",
            "remove it: only resources, images and .meta.yml folder defaults belong in a type folder",
        )
        return
    stem, extension = posixpath.splitext(name)
    extension = extension.lower()
    if name.endswith(".md"):
        if name == "index.md":
            inventory.problem(
                src_uri,
                "a type folder cannot hold index.md",
                "the page listing a type's resources is made by the build; give the resource its own name",
            )
        elif not all(SLUG_RE.fullmatch(p) for p in [*parts[1:-1], stem]):
            inventory.problem(
                src_uri,
                f"file name '{src_uri}' is not a valid resource address",
                "use lower-case letters, digits and hyphens, for example leading-through-change.md, "
                f"in folders named the same way (suggested: {slugify(stem) or 'resource'}.md)",
            )
        else:
            inventory.resources.append(src_uri)
        return
    if extension in IMAGE_SIGNATURES:
        _check_image(inventory, src_uri, stem, extension)
        return
    inventory.problem(
        src_uri,
        f"'{name}' is not a kind of file a resource may use",
        "a type folder holds Markdown resources and their images (PNG, JPEG, WebP or GIF)",
    )


def _check_image(inventory: Inventory, src_uri: str, stem: str, extension: str) -> None:
    path = inventory.docs_dir / src_uri
    size = path.lstat().st_size
    folders = src_uri.split("/")[1:-1]
    if not ASSET_NAME_RE.fullmatch(stem) or not all(SLUG_RE.fullmatch(p) for p in folders):
        inventory.problem(
            src_uri,
            f"image name '{src_uri}' is not valid",
            "use lower-case letters, digits, hyphens and underscores, for example team-meeting.jpg",
        )
        return
    if size > MAX_IMAGE_BYTES:
        inventory.problem(
            src_uri,
            f"image is {size / 1024 / 1024:.1f} MB, over the limit of {MAX_IMAGE_BYTES // 1024 // 1024} MB",
            "save it smaller: 1600 pixels across is plenty for a page",
        )
        return
    with open(path, "rb") as handle:
        head = handle.read(16)
    signature_ok = any(head.startswith(s) for s in IMAGE_SIGNATURES[extension])
    if extension == ".webp":
        signature_ok = signature_ok and head[8:12] == b"WEBP"
    if not signature_ok:
        inventory.problem(
            src_uri, f"file is not a {extension[1:].upper()} image", "save the image again in the format its name says"
        )
        return
    pixels = image_pixels(path)
    if pixels is None:
        inventory.problem(src_uri, "the image cannot be read", "save the image again")
    elif pixels > MAX_IMAGE_PIXELS:
        inventory.problem(
            src_uri,
            f"image is {pixels / 1e6:.0f} megapixels, over the limit of {MAX_IMAGE_PIXELS // 1_000_000}",
            "save it smaller: 1600 pixels across is plenty",
        )
    else:
        inventory.images.append(src_uri)


def image_pixels(path: Path) -> int | None:
    """Width × height from the image's header (nothing is decoded), or None if it cannot be read."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            width, height = image.size
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError):
        return None
    return width * height


def slugify(title: str, max_length: int = SLUG_MAX_LENGTH) -> str:
    """A file name from a title: plain lower-case letters and digits joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower().replace("'", ""))
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length and slug:
            break
        slug = candidate
    return slug[:max_length]


def slug_of(reference: str) -> str:
    """The resource a reference names: `x`, `x.md` and `briefings/x.md` all name `x`."""
    return str(reference).strip().removesuffix(".md").rsplit("/", 1)[-1]


def unknown_resource(slug: str, existing: set[str]) -> tuple[str, str]:
    """(message, hint) for a reference to a resource the library does not have."""
    return (
        f"resource '{slug}' does not exist",
        did_you_mean(slug, sorted(existing), fallback_all=False) or "use the resource's file name without .md",
    )


def unused_images(inventory: Inventory, used: set[str]) -> list[Problem]:
    """Images no resource beside them uses: they are not published, so they are refused."""
    return [
        Problem(
            inventory.shown(src_uri),
            1,
            "no resource uses this image",
            "link it from a resource in the same folder, or remove it",
        )
        for src_uri in inventory.images
        if src_uri not in used
    ]
