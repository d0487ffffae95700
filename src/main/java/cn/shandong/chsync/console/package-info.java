/**
 * The browser console: server-rendered Thymeleaf pages over the same Java calls as the JSON API
 * (the ops controllers, or the services behind them), so a page shows what the API answers. A
 * controller's refusal becomes a message on the page ({@link cn.shandong.chsync.console.ConsoleErrors}).
 * The page controllers are {@code @Hidden}: they are not part of the HTTP API's description. What
 * the templates call is public, as SpEL calls only public methods.
 */
package cn.shandong.chsync.console;
