import pytest

from brief.read.names import split_byline, split_glued


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("房芳郭建杰", ("房芳", "郭建杰")),
        (" 沈琦刘京沂", ("沈琦", "刘京沂")),
        ("孔庆江范晓波车路遥", ("孔庆江", "范晓波", "车路遥")),
        ("孔庆江 范晓波 车路遥", ("孔庆江", "范晓波", "车路遥")),
        ("刘金林朱丽", ("刘金林", "朱丽")),
        ("邓海霞", ("邓海霞",)),
        ("尉建文", ("尉建文",)),
        ("欧阳修远张明", ("欧阳修远", "张明")),
        ("作者：王小明、李华", ("王小明", "李华")),
        ("阿不都·热合曼", ("阿不都·热合曼",)),
        ("中共中央党校课题组", ("中共中央党校课题组",)),
        ("本报评论员", ("本报评论员",)),
    ],
)
def test_bylines(line, names):
    assert split_byline(line) == names


@pytest.mark.parametrize(
    "line", ["理论", "乡村", "统性背离", "面影响。", "资源型城市立足自身资源禀赋"]
)
def test_lines_that_are_not_bylines(line):
    assert split_byline(line) is None


def test_glued_names_need_a_surname_at_each_start():
    assert split_glued("建杰房芳") is None
