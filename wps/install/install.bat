@echo off
rem 绩效自评助手 WPS 加载项：Windows 本机安装（不需要管理员权限）。
rem 用法：解压安装包后双击 install.bat；卸载：双击 uninstall.bat。
rem 做的事见 install.ps1：复制加载项到 %APPDATA%\kingsoft\wps\jsaddons\，并在那里的清单中登记。
chcp 65001 >nul
powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0install.ps1" %*
if errorlevel 1 (
  echo 安装没有完成：请确认已解压整个安装包（不要在压缩包中直接运行），并把上面的提示发给信息管理员。
  pause
  exit /b 1
)
if /i "%~1"=="-Uninstall" (
  echo 已卸载绩效自评助手。请关闭所有 WPS 窗口后重新打开。
) else (
  echo 已安装绩效自评助手 {{VERSION}}。
  echo 请关闭所有 WPS 窗口（包括任务栏右下角的 WPS）后重新打开 WPS 表格，功能区出现“绩效自评”选项卡即安装成功。
  echo 若没有出现：请管理员在 WPS 安装目录 office6\cfgs\oem.ini 中加入 [Support] JsApiPlugin=true（见 oem.ini.example）。
)
pause
