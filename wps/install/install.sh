#!/bin/sh
# 绩效自评助手 WPS 加载项：信创 Linux（统信 UOS、银河麒麟等）本机安装。
# 用法：在解压后的安装包目录中，以使用 WPS 的普通用户（不是 root）运行  sh install.sh
#       卸载：sh install.sh --uninstall
# 做的事：把加载项复制到 ~/.local/share/Kingsoft/wps/jsaddons/{{FOLDER}}/，在同一目录的 jsplugins.xml、
# publish.xml、authwebsite.xml 中登记（按 XML 读写：其他加载项的登记原样保留），然后请用户重启 WPS。
# 任何一步之前先检查：安装包完整、三个清单都读得懂；否则什么都不改，说明原因（读不懂的清单另存一份 .bak）。
set -eu
NAME='{{NAME}}'
VERSION='{{VERSION}}'
FOLDER='{{FOLDER}}'
HERE=$(cd "$(dirname "$0")" && pwd)
ADDONS="${JIXIAO_JSADDONS:-$HOME/.local/share/Kingsoft/wps/jsaddons}"
LISTS='jsplugins.xml publish.xml authwebsite.xml'

fail() {
  echo "$1" >&2
  exit 1
}

if [ "$(id -u)" = "0" ] && [ -z "${JIXIAO_JSADDONS:-}" ]; then
  fail "请不要用 root 安装：加载项装在使用 WPS 的用户自己的目录中。请切换到该用户后再运行 sh install.sh。"
fi
command -v python3 >/dev/null 2>&1 ||
  fail "本机没有 python3，无法按 XML 安全地修改 WPS 的加载项清单；未做任何改动。请安装 python3 后再运行，或请管理员手动登记。"

# The lists are read and written as XML by Python's own parser: every other add-in's element (and comment) stays,
# what is written is escaped, and a list that cannot be parsed is never replaced.
lists() {
  python3 - "$@" <<'PY'
import os, shutil, sys, time
from xml.dom import minidom
from xml.parsers.expat import ExpatError

mode, addons, name = sys.argv[1], sys.argv[2], sys.argv[3]
ROOTS = {'jsplugins.xml': 'jsplugins', 'publish.xml': 'jsplugins', 'authwebsite.xml': 'websites'}

def load(path, root):
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return minidom.parseString('<%s/>' % root)
    return minidom.parse(path)

def ours(node):
    return node.nodeType == node.ELEMENT_NODE and node.getAttribute('name') == name

if mode == 'check':
    bad = []
    for file, root in ROOTS.items():
        path = os.path.join(addons, file)
        try:
            doc = load(path, root)
            if doc.documentElement.tagName != root:
                raise ValueError(doc.documentElement.tagName)
        except (ExpatError, ValueError, UnicodeError) as error:
            backup = '%s.%s.bak' % (path, time.strftime('%Y%m%d%H%M%S'))
            shutil.copyfile(path, backup)
            bad.append('%s（已另存一份：%s）' % (path, backup))
    if bad:
        sys.stderr.write('以下加载项清单不是有效的 XML（或根元素不对），为免删掉其他加载项的登记，未做任何改动：\n  '
                         + '\n  '.join(bad) + '\n请用文本编辑器修复或删除该文件后再运行。\n')
        sys.exit(1)
    sys.exit(0)

entries = {}
if mode == 'register':
    url, version = sys.argv[4], sys.argv[5]
    plugin = [('name', name), ('type', 'et'), ('version', version)]
    entries = {
        'jsplugins.xml': ('jsplugin', plugin + [('enable', 'true'), ('url', url)]),
        'publish.xml': ('jsplugin', plugin + [('enable', 'enable_dev'), ('install', 'null'), ('url', url)]),
        'authwebsite.xml': ('website', [('name', name), ('origin', 'null'), ('status', 'enable')]),
    }
for file, root in ROOTS.items():
    path = os.path.join(addons, file)
    if mode == 'unregister' and not os.path.exists(path):
        continue
    doc = load(path, root)
    top = doc.documentElement
    for node in [n for n in top.childNodes if ours(n)]:
        # The element and the line it stood on.
        before = node.previousSibling
        if before is not None and before.nodeType == before.TEXT_NODE and before.data.strip() == '':
            top.removeChild(before)
        top.removeChild(node)
    if file in entries:
        tag, attributes = entries[file]
        element = doc.createElement(tag)
        for key, value in attributes:
            element.setAttribute(key, value)
        top.appendChild(doc.createTextNode('\n  '))
        top.appendChild(element)
        top.appendChild(doc.createTextNode('\n'))
    text = doc.toxml(encoding='UTF-8')
    temporary = path + '.tmp'
    with open(temporary, 'wb') as out:
        out.write(text + b'\n')
    os.replace(temporary, path)
PY
}

if [ "${1:-}" != "--uninstall" ]; then
  # The kit is checked before anything is removed: a half-extracted kit leaves the installed version as it was.
  [ -d "$HERE/$FOLDER" ] && [ -f "$HERE/$FOLDER/ribbon.xml" ] ||
    fail "安装包不完整：缺少 $FOLDER 文件夹（或其中的 ribbon.xml）。请把整个安装包解压到一个文件夹后，在该文件夹中运行 sh install.sh；已安装的版本未做改动。"
fi
mkdir -p "$ADDONS" || fail "无法创建加载项目录 $ADDONS：请检查该用户对此目录的权限。"
lists check "$ADDONS" "$NAME"

lists unregister "$ADDONS" "$NAME"
rm -rf "$ADDONS/${NAME}_"*
if [ "${1:-}" = "--uninstall" ]; then
  echo "已卸载绩效自评助手。请关闭所有 WPS 窗口后重新打开。"
  exit 0
fi

cp -R "$HERE/$FOLDER" "$ADDONS/$FOLDER" 2>/dev/null ||
  fail "无法把加载项复制到 $ADDONS/$FOLDER（磁盘已满或没有权限）：请处理后重新运行 sh install.sh。"
lists register "$ADDONS" "$NAME" "file://$ADDONS/$FOLDER/" "$VERSION"
echo "已安装绩效自评助手 $VERSION 到 $ADDONS/$FOLDER"
echo "请关闭所有 WPS 窗口（包括托盘中的 WPS）后重新打开 WPS 表格，功能区出现“绩效自评”选项卡即安装成功。"
echo "若没有出现：请管理员在 /opt/kingsoft/wps-office/office6/cfgs/oem.ini 中加入 [Support] JsApiPlugin=true（见 oem.ini.example）。"
