"""ShopReel's media pipeline: plain Python and the ffmpeg binary, no Qt."""

from shopreel.video.probe import MediaInfo, probe

__all__ = ["MediaInfo", "probe"]
