@echo off
rem 绩效自评助手 WPS 加载项：卸载（删除 jsaddons 中的加载项文件夹和清单中它的登记，其他加载项不动）。
call "%~dp0install.bat" -Uninstall
