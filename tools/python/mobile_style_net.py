"""Painterly's mobile StyleNet in PyTorch, written independently of the C# modules to check them: pixel_unshuffle(4),
a reflection-padded 3x3 conv, instance norm, ReLU; residual blocks of (depthwise 3x3, pointwise 1x1, instance norm)
twice with a ReLU between; a 3x3 conv to 48 channels and pixel_shuffle(4). Input and output: RGB float 0-255, NCHW.
State_dict keys are Painterly's (conv1.conv2d.weight, res1.dw1.conv2d.weight, res1.in1.weight, deconv1.conv2d.bias, ...).
"""
import torch
from torch import nn


class ConvLayer(nn.Module):
    def __init__(self, cin, cout, kernel, groups=1):
        super().__init__()
        self.pad = kernel // 2
        self.conv2d = nn.Conv2d(cin, cout, kernel, groups=groups)

    def forward(self, x):
        if self.pad:
            x = nn.functional.pad(x, [self.pad] * 4, mode="reflect")
        return self.conv2d(x)


class MobileResidualBlock(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dw1 = ConvLayer(c, c, 3, groups=c)
        self.pw1 = ConvLayer(c, c, 1)
        self.in1 = nn.InstanceNorm2d(c, affine=True)
        self.dw2 = ConvLayer(c, c, 3, groups=c)
        self.pw2 = ConvLayer(c, c, 1)
        self.in2 = nn.InstanceNorm2d(c, affine=True)

    def forward(self, x):
        y = torch.relu(self.in1(self.pw1(self.dw1(x))))
        return self.in2(self.pw2(self.dw2(y))) + x


class MobileStyleNet(nn.Module):
    def __init__(self, channels=48, residual_blocks=4):
        super().__init__()
        self.conv1 = ConvLayer(48, channels, 3)
        self.in1 = nn.InstanceNorm2d(channels, affine=True)
        for i in range(residual_blocks):
            self.add_module(f"res{i + 1}", MobileResidualBlock(channels))
        self.residual_blocks = residual_blocks
        self.deconv1 = ConvLayer(channels, 48, 3)

    def forward(self, x):
        y = torch.relu(self.in1(self.conv1(nn.functional.pixel_unshuffle(x, 4))))
        for i in range(self.residual_blocks):
            y = getattr(self, f"res{i + 1}")(y)
        return nn.functional.pixel_shuffle(self.deconv1(y), 4)
