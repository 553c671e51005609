#!/bin/sh
# 绩效自评助手 WPS 加载项：信创 Linux（统信 UOS、银河麒麟等）本机安装。
# 用法：在解压后的安装包目录中，以使用 WPS 的普通用户（不是 root）运行  sh install.sh
#       卸载：sh install.sh --uninstall
# 做的事：把加载项复制到 ~/.local/share/Kingsoft/wps/jsaddons/{{FOLDER}}/，在同一目录的 jsplugins.xml、
# publish.xml、authwebsite.xml 中登记（已有的其他加载项保留不动），然后请用户重启 WPS。
set -eu
NAME='{{NAME}}'
VERSION='{{VERSION}}'
FOLDER='{{FOLDER}}'
HERE=$(cd "$(dirname "$0")" && pwd)
ADDONS="${JIXIAO_JSADDONS:-$HOME/.local/share/Kingsoft/wps/jsaddons}"

if [ "$(id -u)" = "0" ] && [ -z "${JIXIAO_JSADDONS:-}" ]; then
  echo "请不要用 root 安装：加载项装在使用 WPS 的用户自己的目录中。请切换到该用户后再运行 sh install.sh。" >&2
  exit 1
fi

# Each list keeps its own root element; our entry is removed first, so running again never adds a second one.
unregister() {
  file="$ADDONS/$1"
  [ -f "$file" ] || return 0
  # Only our element goes, even where a tool wrote every entry on one line; a line left empty goes too.
  sed -e "s#[[:space:]]*<[^<>]*name=\"$NAME\"[^<>]*/>##g" -e '/^[[:space:]]*$/d' "$file" > "$file.tmp" && mv "$file.tmp" "$file"
}

register() {
  file="$ADDONS/$1"; root="$2"; entry="$3"
  if [ ! -f "$file" ] || ! grep -q "</$root>" "$file"; then
    printf '<?xml version="1.0" encoding="UTF-8"?>\n<%s>\n</%s>\n' "$root" "$root" > "$file"
  fi
  unregister "$1"
  awk -v entry="$entry" -v closing="</$root>" '
    !done && (at = index($0, closing)) { $0 = substr($0, 1, at - 1) "\n  " entry "\n" substr($0, at); done = 1 }
    { print }' "$file" > "$file.tmp"
  mv "$file.tmp" "$file"
}

for list in jsplugins.xml publish.xml authwebsite.xml; do unregister "$list"; done
rm -rf "$ADDONS/${NAME}_"*
if [ "${1:-}" = "--uninstall" ]; then
  echo "已卸载绩效自评助手。请关闭所有 WPS 窗口后重新打开。"
  exit 0
fi

mkdir -p "$ADDONS"
cp -R "$HERE/$FOLDER" "$ADDONS/$FOLDER"
URL="file://$ADDONS/$FOLDER/"
register jsplugins.xml jsplugins "<jsplugin name=\"$NAME\" type=\"et\" version=\"$VERSION\" enable=\"true\" url=\"$URL\"/>"
register publish.xml jsplugins "<jsplugin name=\"$NAME\" type=\"et\" version=\"$VERSION\" enable=\"enable_dev\" install=\"null\" url=\"$URL\"/>"
register authwebsite.xml websites "<website name=\"$NAME\" origin=\"null\" status=\"enable\"/>"
echo "已安装绩效自评助手 $VERSION 到 $ADDONS/$FOLDER"
echo "请关闭所有 WPS 窗口（包括托盘中的 WPS）后重新打开 WPS 表格，功能区出现“绩效自评”选项卡即安装成功。"
echo "若没有出现：请管理员在 /opt/kingsoft/wps-office/office6/cfgs/oem.ini 中加入 [Support] JsApiPlugin=true（见 oem.ini.example）。"
