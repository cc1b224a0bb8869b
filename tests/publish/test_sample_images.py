"""The sample illustrations become thumbnails: each is found from its article's own relative
reference and converts to webp."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from PIL import Image

from newsdesk.model import Story, StoryArticle
from newsdesk.publish.images import lead_image, webp_bytes
from newsdesk.read import read_document

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
IMAGE_FILES = yaml.safe_load((SAMPLES / "stories.yaml").read_text("utf-8"))["image_files"]
FIRST_IMAGE = {
    "hanoi_metro/01_thudonews.md": "hanoi_metro/images/20260930-metro-nhon-ga-ha-noi-khanh-thanh.jpg",
    "typhoon_central/01_thoisumientrung.txt": "typhoon_central/images/bao-so-9-duong-di.png",
    "rice_export/01_kinhtenongnghiep.txt": "rice_export/images/gao-5-tam.jpg",
}


@pytest.mark.parametrize(("ref", "image"), sorted(FIRST_IMAGE.items()))
def test_sample_article_leads_to_its_shipped_image(ref: str, image: str, tmp_path: Path) -> None:
    assert ref in IMAGE_FILES[image]
    path = SAMPLES / ref
    article = read_document(path.read_bytes(), str(path))[0]
    story = Story(id="s", articles=[StoryArticle(article.id, article.source, None, None)])
    found, note = lead_image(story, {article.id: article})
    assert found is not None and found.resolve() == (SAMPLES / image).resolve(), note
    out = tmp_path / "thumb.webp"
    out.write_bytes(webp_bytes(found, max_side=1200))
    with Image.open(out) as im:
        assert (im.format, im.size) == ("WEBP", (640, 360))
